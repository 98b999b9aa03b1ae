using AfterSales.Data;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Visits;

/// <summary>
/// The day's jobs in the order they will be done: what is under way first, then the dispatcher's planned order (SCH-4)
/// and the appointments by time. A
/// technician sees their own and those they help on; a manager their region's, by technician.
/// </summary>
public sealed class IndexModel(AppDbContext db, LocalTime local) : PageModel
{
    public sealed record Job(int Id, string Number, WorkOrderKind Kind, WorkOrderState State, string CustomerName, string CustomerPhone,
        string Address, DateTimeOffset? Start, DateTimeOffset? End, string? TechnicianName, bool NeedsRelease, bool Released, bool CalledAhead,
        bool UnderWay, int? PlannedSequence = null, DateTimeOffset? PlannedStart = null);

    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TechnicianId { get; set; }

    public DateOnly Day { get; private set; }
    public bool IsToday { get; private set; }
    public bool ShowTechnician { get; private set; }
    public List<Job> Jobs { get; private set; } = [];
    public List<(int Id, string Name)> Technicians { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        Day = Date ?? local.Today;
        IsToday = Day == local.Today;
        ShowTechnician = !scope.SeesOnlyOwnWork;
        var dayStart = local.StartOf(Day);
        var dayEnd = dayStart.AddDays(1);

        var orders = db.WorkOrders(scope).AsNoTracking();
        if (TechnicianId is { } technician) orders = orders.Where(w => w.TechnicianId == technician);
        // Under way (left, on site, or completed and not yet checked out) shows on today's list whatever its date.
        var underWay = IsToday
            ? orders.Where(w => w.State == WorkOrderState.EnRoute || w.State == WorkOrderState.OnSite
                || (w.State == WorkOrderState.Completed && w.Visits.Any(v => v.CheckedOutAt == null)))
            : orders.Where(w => false);
        var booked = orders.Where(WorkOrder.Open).Where(w => w.AppointmentStart >= dayStart && w.AppointmentStart < dayEnd);
        var rows = await underWay.Union(booked)
            .Select(w => new Job(w.Id, "", w.Kind, w.State,
                db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First(),
                db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Phone).First(),
                db.Sites.Where(s => s.Id == w.SiteId).Select(s => s.Address).First(),
                w.AppointmentStart, w.AppointmentEnd, db.Staff.Where(s => s.Id == w.TechnicianId).Select(s => s.Name).FirstOrDefault(),
                w.NeedsDayBeforeConfirmation, w.DayBeforeConfirmedAt != null, w.CalledAheadAt != null,
                w.State == WorkOrderState.EnRoute || w.State == WorkOrderState.OnSite || w.State == WorkOrderState.Completed,
                w.PlannedSequence, w.PlannedStart))
            .ToListAsync();
        // Ordered here: SQLite cannot order by DateTimeOffset. The dispatcher's accepted order (SCH-4) comes first: each
        // technician's day as planned on the board, by planned start; then the rest by appointment.
        Jobs = rows.Select(j => j with { Number = $"WO{j.Id:000000}" })
            .OrderByDescending(j => j.UnderWay).ThenBy(j => j.PlannedStart ?? j.Start ?? DateTimeOffset.MaxValue)
            .ThenBy(j => j.PlannedSequence ?? int.MaxValue).ThenBy(j => j.Start ?? DateTimeOffset.MaxValue).ThenBy(j => j.Id).ToList();

        if (ShowTechnician)
            Technicians = (await db.Staff(scope).AsNoTracking().Where(s => s.IsActive && s.Role == Domain.People.StaffRole.Technician)
                    .OrderBy(s => s.StaffNumber).Select(s => new { s.Id, s.Name }).ToListAsync())
                .Select(s => (s.Id, s.Name)).ToList();
    }
}
