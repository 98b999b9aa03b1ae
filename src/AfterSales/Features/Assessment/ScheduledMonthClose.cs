using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Assessment;

/// <summary>When the month nobody closed is closed by itself (<c>Assessment:*</c> in configuration).</summary>
public sealed class MonthCloseOptions
{
    /// <summary>The day of the following month (local) on which last month is closed, if no one closed it before; 0: never.</summary>
    public int CloseOnDay { get; set; } = 5;

    /// <summary>The local hour of that day from which the close runs (after the night's other jobs).</summary>
    public int CloseAtHour { get; set; } = 2;

    /// <summary>How often the running app looks (0 turns the job off: tests run it themselves).</summary>
    public int CloseIntervalSeconds { get; set; } = 600;
}

/// <summary>
/// ASM-15: the month closes once, on its day, even when no manager pressed the button — statements and payroll must not
/// wait. Only last month: an older month left open was left open on purpose (e.g. before the company started) and a
/// person closes it. Closing is unique per month, so a second instance (or a manager at the same moment) changes nothing.
/// </summary>
public sealed class ScheduledMonthClose(AppDbContext db, StatementService statements, LocalTime local, IOptions<MonthCloseOptions> options,
    ILogger<ScheduledMonthClose> log)
{
    /// <summary>The month closed by this round, or null (not yet its day, or already closed).</summary>
    public async Task<string?> RunAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = local.Now;
        if (o.CloseOnDay <= 0 || now.Day < o.CloseOnDay || (now.Day == o.CloseOnDay && now.Hour < o.CloseAtHour)) return null;
        var previous = now.AddMonths(-1);
        var month = (previous.Year, previous.Month);
        if (await db.MonthCloses.AnyAsync(c => c.Year == month.Year && c.Month == month.Month, ct)) return null;
        try
        {
            var closed = await statements.CloseAsync(month, closedById: null, ct);
            log.LogInformation("Month {Month} closed on schedule: {People} people, {Lines} lines, net {Net}.", closed.Month, closed.People, closed.Lines, closed.NetTotal);
            return closed.Month;
        }
        catch (ConflictException e) when (e.Code == "MonthAlreadyClosed")
        {
            return null; // another instance, or a manager, got there first
        }
    }
}

public sealed class ScheduledMonthCloseWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<MonthCloseOptions> options, ILogger<ScheduledMonthCloseWorker> log)
    : PeriodicWorker(scopes, clock, log, options.Value.CloseIntervalSeconds, "month-close")
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ScheduledMonthClose>().RunAsync(ct);
}
