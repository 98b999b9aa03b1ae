namespace AfterSales.Features.Stock;

public static class StockSetup
{
    /// <summary>Stock: the ledger and its services, and the worker that charges overdue part returns (<c>Stock:OverdueIntervalSeconds</c>, 0 = off).</summary>
    public static IServiceCollection AddStock(this IServiceCollection services)
    {
        services.AddOptions<StockOptions>().BindConfiguration("Stock");
        services.AddScoped<StockLedger>().AddScoped<StockService>().AddScoped<PartReturnService>().AddScoped<GoodsCheckService>()
            .AddScoped<StocktakeService>().AddScoped<JobStockService>().AddScoped<PartReturnJob>();
        services.AddHostedService<PartReturnWorker>();
        return services;
    }
}
