using AfterSales.Data;
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
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.DetectorIntervalSeconds;
        if (interval <= 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "attendance";
                var (days, phone) = await scope.ServiceProvider.GetRequiredService<AttendanceCheck>().RunAsync(null, stoppingToken);
                var raised = days.Sum(d => d.Raised);
                if (raised + phone > 0) log.LogInformation("Attendance: {Location} location anomaly incident(s), {Phone} phone incident(s).", raised, phone);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be down for a moment; the next round tries again.
                log.LogError(e, "Attendance check failed.");
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(interval), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
