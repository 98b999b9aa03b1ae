namespace AfterSales.Features.Support;

public static class SupportSetup
{
    public static IServiceCollection AddSupport(this IServiceCollection services) => services.AddScoped<SupportRequestService>();
}
