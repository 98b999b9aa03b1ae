namespace AfterSales.Features.Conduct;

public static class ConductSetup
{
    public static IServiceCollection AddConduct(this IServiceCollection services) => services.AddScoped<AcknowledgementService>();
}
