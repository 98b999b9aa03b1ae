namespace AfterSales.Features.Fees;

public static class FeesSetup
{
    public static IServiceCollection AddFees(this IServiceCollection services) =>
        services.AddScoped<ReceiptService>().AddScoped<CashService>().AddScoped<ReceiptPdf>();
}
