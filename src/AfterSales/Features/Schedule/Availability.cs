using AfterSales.Data;
using AfterSales.Domain.Scheduling;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Schedule;

/// <summary>
/// When people work (SCH-1), without regard to who asks: for the dispatcher (SCH-4) and for
/// <see cref="ScheduleService"/>, which checks the caller's access first. Days are the site's local days.
/// </summary>
public sealed class Availability(AppDbContext db, SchedulePolicy policy, LocalTime local)
{
    /// <summary>Each person's availability on each day from <paramref name="from"/> to <paramref name="to"/> (both included).</summary>
    public async Task<Dictionary<int, List<DayAvailability>>> DaysAsync(IReadOnlyCollection<int> staffIds, DateOnly from, DateOnly to)
    {
        var ids = staffIds.Distinct().ToList();
        var patterns = (await db.WorkingHours.AsNoTracking().Where(w => ids.Contains(w.StaffId)).ToListAsync()).ToLookup(w => w.StaffId);
        var blocks = (await db.TimeOff.AsNoTracking().Where(t => ids.Contains(t.StaffId) && t.FirstDay <= to && t.LastDay >= from).ToListAsync())
            .ToLookup(t => t.StaffId);
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        return ids.ToDictionary(id => id, id => days.Select(d => Roster.DayFor(d, policy, patterns[id], blocks[id])).ToList());
    }

    public async Task<DayAvailability> DayAsync(int staffId, DateOnly day) => (await DaysAsync([staffId], day, day))[staffId][0];

    /// <summary>Whether the person works at this instant, read in the site's local time.</summary>
    public async Task<bool> IsWorkingAsync(int staffId, DateTimeOffset instant)
    {
        var at = local.ToLocal(instant);
        var day = await DayAsync(staffId, DateOnly.FromDateTime(at.DateTime));
        return day.IsWorkingAt(TimeOnly.FromDateTime(at.DateTime));
    }

    /// <summary>The instant a local day begins.</summary>
    public DateTimeOffset StartOf(DateOnly day) => local.StartOf(day);

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(local.ToLocal(instant).DateTime);

    /// <summary>The company pattern of a weekday (null: a rest day).</summary>
    public Hours? CompanyHours(DayOfWeek day) => policy.For(day);

    /// <summary>
    /// Technicians on field duty on a day: a job booked on it (not cancelled) or a visit that left on it, and not on leave
    /// the whole day. They owe a daily report (RPT-1) and are expected to send positions (ATT-1).
    /// </summary>
    public async Task<List<int>> OnFieldDutyAsync(DateOnly day, CancellationToken ct = default)
    {
        var (start, end) = local.DayOf(day);
        var booked = db.WorkOrders.Where(w => w.TechnicianId != null && w.State != Domain.WorkOrders.WorkOrderState.Cancelled
            && w.AppointmentStart >= start && w.AppointmentStart < end).Select(w => w.TechnicianId!.Value);
        var visited = db.Visits.Where(v => v.DepartedAt >= start && v.DepartedAt < end).Select(v => v.TechnicianId);
        var ids = await booked.Union(visited).Distinct().ToListAsync(ct);
        // A technician on leave the whole day was not on duty, whatever was left booked for them.
        var away = await db.TimeOff.Where(t => ids.Contains(t.StaffId) && t.FirstDay <= day && t.LastDay >= day).Select(t => t.StaffId).ToListAsync(ct);
        return [.. ids.Except(away).Order()];
    }
}
