namespace AfterSales.Features.Trips;

public static class TripsSetup
{
    public static IServiceCollection AddTrips(this IServiceCollection services) =>
        services.AddScoped<TripService>().AddScoped<ReimbursementExport>();
}
