using AfterSales.Domain.Attendance;
using AfterSales.Infrastructure;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Attendance;

/// <summary>One run of the attendance checks: yesterday and today's location rules, and the phone deadlines that have passed.</summary>
public sealed class AttendanceCheck(AnomalyDetector detector, PhoneService phones, LocalTime local, IOptions<AttendanceOptions> options)
{
    /// <summary>One day (the command line), or yesterday and today (the worker) but never before <c>Attendance:CheckFrom</c>.</summary>
    public async Task<(IReadOnlyList<DetectionResult> Days, int PhoneIncidents)> RunAsync(DateOnly? day, CancellationToken ct)
    {
        var days = day is { } d ? [d] : new[] { local.Today.AddDays(-1), local.Today }.Where(x => options.Value.CheckFrom is not { } from || x >= from).ToArray();
        var results = new List<DetectionResult>();
        foreach (var date in days) results.Add(await detector.RunAsync(date, ct));
        return (results, await phones.SettleDueAsync(ct));
    }
}

/// <summary>Runs <see cref="AttendanceCheck"/> every <c>Attendance:DetectorIntervalSeconds</c> on the app's clock; 0 turns it off (tests).</summary>
public sealed class AttendanceWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AttendanceOptions> options, ILogger<AttendanceWorker> log)
    : PeriodicWorker(scopes, clock, log, options.Value.DetectorIntervalSeconds, "attendance")
{
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var (days, phone) = await services.GetRequiredService<AttendanceCheck>().RunAsync(null, ct);
        var raised = days.Sum(d => d.Raised);
        if (raised + phone > 0) log.LogInformation("Attendance: {Location} location anomaly incident(s), {Phone} phone incident(s).", raised, phone);
    }
}
