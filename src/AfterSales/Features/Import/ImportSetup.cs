namespace AfterSales.Features.Import;

public static class ImportSetup
{
    public static IServiceCollection AddImport(this IServiceCollection services) => services.AddScoped<ImportService>();
}
