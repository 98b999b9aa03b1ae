namespace AfterSales.Features.Regions;

public static class RegionsSetup
{
    public static IServiceCollection AddRegions(this IServiceCollection services) => services.AddScoped<RegionService>();
}
