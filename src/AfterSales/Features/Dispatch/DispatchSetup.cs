using AfterSales.Domain.Dispatch;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Dispatch;

public static class DispatchSetup
{
    /// <summary>The dispatch board, the optimizer on real jobs and its overnight run (<c>Dispatch:*</c>, see <see cref="DispatchOptions"/>).</summary>
    public static IServiceCollection AddDispatch(this IServiceCollection services)
    {
        services.AddOptions<DispatchOptions>().BindConfiguration("Dispatch");
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
