namespace AfterSales.Features.Safety;

public static class SafetySetup
{
    public static IServiceCollection AddSafety(this IServiceCollection services) =>
        services.AddScoped<SafetyGate>().AddScoped<SafetyService>().AddScoped<DemoSafety>();
}
