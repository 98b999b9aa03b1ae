using AfterSales.Domain.Dispatch;
using AfterSales.Domain.People;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Dispatch;

/// <summary>Who dispatches (SCH-4): the region's managers, deputies and supervisors, and head office; per region by <see cref="Identity.AccessScope"/>.</summary>
public static class DispatchAccess
{
    public const string Policy = "Dispatch";

    public static readonly StaffRole[] Roles =
        [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.Supervisor];

    public static bool Allows(StaffRole role) => Roles.Contains(role);
}

public static class DispatchSetup
{
    /// <summary>The dispatch board, the optimizer on real jobs and its overnight run (<c>Dispatch:*</c>, see <see cref="DispatchOptions"/>).</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.AddOptions<DispatchOptions>().BindConfiguration("Dispatch");
        services.AddAuthorizationBuilder().AddPolicy(DispatchAccess.Policy, p => p.RequireRole(DispatchAccess.Roles.Select(r => r.ToString())));
        // The travel-time source is pluggable: straight line × road factor at an average speed (minutes, kilometres) by default.
        services.AddSingleton<ITravelSource>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<DispatchOptions>>().Value;
            return new StraightLineTravel(o.RoadFactor, o.SpeedKmh / 60);
        });
        services.AddScoped<DispatchPlanner>().AddScoped<DispatchService>().AddScoped<OvernightDispatch>();
        services.AddHostedService<OvernightDispatchWorker>();
        return services;
    }
}
