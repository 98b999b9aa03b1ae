using AfterSales.Data;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Reports;
using AfterSales.Features.Assessment;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Reports;

public sealed record JudgeResult(DateOnly Day, int Judged, int Incidents, int AlreadyJudged);

/// <summary>
/// RPT-3, ASM-13: at the end of a day's report window, each technician who was on field duty that day (had a job
/// booked or visited on it) is judged once: no report → missing; the best report of the day after the window → late;
/// before it, or unreadable (parser problems, no entries) → wrong. Each verdict but "on time" raises one incident
/// through <see cref="IncidentService.AddAsync"/>. The judgement row is unique per technician and day, so a rerun
/// or a second instance judges nobody twice.
/// </summary>
public sealed class DailyReportJudge(AppDbContext db, DailyReportService reports, Schedule.Availability availability, IncidentService incidents, TimeProvider clock, LocalTime local,
    ILogger<DailyReportJudge> log)
{
    /// <summary>Judges one local day; refused (nothing judged) while its window is still open.</summary>
    public async Task<JudgeResult> JudgeAsync(DateOnly day, CancellationToken ct = default)
    {
        var window = await reports.WindowAsync(day, ct);
        var now = clock.GetUtcNow();
        if (now < window.End) throw new Domain.DomainException("DailyReportWindowOpen", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var onDuty = await availability.OnFieldDutyAsync(day, ct);
        var judged = await db.DailyReportJudgements.AsNoTracking().Where(j => j.Day == day).Select(j => j.TechnicianId).ToListAsync(ct);
        int count = 0, raised = 0, skipped = 0;
        foreach (var technicianId in onDuty)
        {
            if (judged.Contains(technicianId))
            {
                skipped++;
                continue;
            }
            var dayReports = await db.DailyReports.AsNoTracking()
                .Where(r => r.TechnicianId == technicianId && r.Day == day && r.Status != DailyReportStatus.Received)
                .Select(r => new { r.Id, r.ReceivedAt, r.Status }).ToListAsync(ct);
            // The best the technician did: a well-formed report in the window beats anything else; then the earliest.
            var best = dayReports
                .Select(r => new { r.Id, r.ReceivedAt, Verdict = VerdictOf(r.ReceivedAt, r.Status, window) })
                .OrderBy(r => Rank(r.Verdict)).ThenBy(r => r.ReceivedAt).FirstOrDefault();
            var verdict = best?.Verdict ?? ReportVerdict.Missing;
            var judgement = new DailyReportJudgement(technicianId, day, verdict, best?.Id, now);
            if (judgement.IncidentKind is { } kind)
            {
                var incident = await incidents.AddAsync(new IncidentDraft
                {
                    PersonId = technicianId, RegionId = 0, Kind = kind, Source = "daily-report",
                    At = verdict == ReportVerdict.Missing ? window.End : best!.ReceivedAt,
                    Description = Describe(day, verdict, best?.Id, window),
                }, recordedById: null);
                judgement.Raised(incident);
            }
            db.DailyReportJudgements.Add(judgement);
            try
            {
                await db.SaveChangesAsync(ct);
                count++;
                if (judgement.IncidentKind is not null) raised++;
            }
            catch (DbUpdateException)
            {
                // Another instance judged this technician at the same moment: its judgement (and incident) stands.
                if (!await AlreadyJudgedAsync(technicianId, day, ct)) throw;
                skipped++;
            }
        }
        if (count > 0) log.LogInformation("Daily reports of {Day}: {Count} judged, {Incidents} incident(s).", day, count, raised);
        return new JudgeResult(day, count, raised, skipped);
    }

    /// <summary>Judges every day, up to <paramref name="lookBackDays"/> back and not before <paramref name="from"/>, whose window has ended.</summary>
    public async Task<int> JudgeDueAsync(int lookBackDays, DateOnly? from = null, CancellationToken ct = default)
    {
        var today = local.Today;
        var first = today.AddDays(-Math.Max(0, lookBackDays));
        if (from is { } floor && floor > first) first = floor;
        var total = 0;
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var window = await reports.WindowAsync(day, ct);
            if (clock.GetUtcNow() < window.End) continue;
            total += (await JudgeAsync(day, ct)).Incidents;
        }
        return total;
    }

    private async Task<bool> AlreadyJudgedAsync(int technicianId, DateOnly day, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await db.DailyReportJudgements.AnyAsync(j => j.TechnicianId == technicianId && j.Day == day, ct);
    }

    public static ReportVerdict VerdictOf(DateTimeOffset receivedAt, DailyReportStatus status, (DateTimeOffset Start, DateTimeOffset End) window) =>
        DailyReportService.TimingOf(receivedAt, window) switch
        {
            ReportTiming.Late => ReportVerdict.Late,
            ReportTiming.Early => ReportVerdict.Early,
            _ => status == DailyReportStatus.WellFormed ? ReportVerdict.OnTime : ReportVerdict.Malformed,
        };

    public static int Rank(ReportVerdict verdict) => verdict switch
    {
        ReportVerdict.OnTime => 0,
        ReportVerdict.Malformed => 1,
        ReportVerdict.Late => 2,
        _ => 3,
    };

    private string Describe(DateOnly day, ReportVerdict verdict, int? reportId, (DateTimeOffset Start, DateTimeOffset End) window) =>
        ReportsText.Company("Judge.Description." + verdict, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            local.ToLocal(window.Start).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            local.ToLocal(window.End).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), reportId ?? 0);
}

public sealed class DailyReportOptions
{
    /// <summary>How often the worker looks for days whose window has ended; 0 turns it off (tests).</summary>
    public int JudgeIntervalSeconds { get; set; } = 300;
    /// <summary>How many days back the worker still judges (a day missed while every instance was down).</summary>
    public int LookBackDays { get; set; } = 1;

    /// <summary>
    /// The first day the worker judges (yyyy-MM-dd), e.g. the day reports started to be received: without it, the first
    /// run after installing would find the days before without reports and raise "missing" for everyone.
    /// </summary>
    public DateOnly? JudgeFrom { get; set; }
}

/// <summary>Wakes every <c>Reports:JudgeIntervalSeconds</c> (on the app's clock) and judges the days whose window has ended.</summary>
public sealed class DailyReportWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DailyReportOptions> options, ILogger<DailyReportWorker> log)
    : PeriodicWorker(scopes, clock, log, options.Value.JudgeIntervalSeconds, "daily-report")
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DailyReportJudge>().JudgeDueAsync(options.Value.LookBackDays, options.Value.JudgeFrom, ct);
}
