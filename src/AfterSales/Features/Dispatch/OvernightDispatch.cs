using AfterSales.Data;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Dispatch;

/// <summary>
/// SCH-4: after <see cref="DispatchOptions.OvernightHour"/> (local), proposes the next day's plan of every region once,
/// without accepting it — the dispatcher accepts in the morning. The proposal is unique per region and day, so a
/// second instance (or a second round) does nothing.
/// </summary>
public sealed class OvernightDispatch(AppDbContext db, DispatchService dispatch, LocalTime local, IOptions<DispatchOptions> options, ILogger<OvernightDispatch> log)
{
    /// <summary>Proposals made this round (0 before the hour, or when each region already has its plan).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (local.Now.Hour < options.Value.OvernightHour) return 0;
        var day = local.Today.AddDays(1);
        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => r.Id).ToListAsync(ct);
        var made = 0;
        foreach (var region in regions)
        {
            if (await dispatch.ProposeAsync(region, day, overnight: true, ct) is { } id)
            {
                made++;
                log.LogInformation("Overnight dispatch proposal {Id} for region {Region} on {Day}.", id, region, day);
            }
        }
        return made;
    }
}

public sealed class OvernightDispatchWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DispatchOptions> options, ILogger<OvernightDispatchWorker> log)
    : PeriodicWorker(scopes, clock, log, options.Value.OvernightIntervalSeconds, "dispatch-overnight")
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OvernightDispatch>().RunAsync(ct);
}
