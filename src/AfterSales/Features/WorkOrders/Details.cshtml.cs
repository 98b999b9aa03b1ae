using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.WorkOrders;

/// <summary>
/// A job's whole story — customer, site, contacts, items, department questions, history — and the actions its
/// state allows. Every action is the same service call as the API's.
/// </summary>
public sealed class DetailsModel(WorkOrderService orders, AppDbContext db, LocalTime local,
    Callbacks.CallbackService callbacks)
    : PageModel, IReloadsOnError
{
    public WorkOrderDetailsDto Details { get; private set; } = null!;
    public WorkOrderDto Order => Details.WorkOrder;
    public bool MayWork { get; private set; }
    public bool MayManage { get; private set; }
    public string? CustomerPhone { get; private set; }
    public bool MayApprove { get; private set; }
    /// <summary>RPT-4: what the customer said when called back, for those who make the calls.</summary>
    public List<Callbacks.CallbackDto> Callbacks { get; private set; } = [];
    /// <summary>Technicians of the job's region, for a change of technician (WO-4).</summary>
    public List<(int Id, string Name)> Technicians { get; private set; } = [];
    /// <summary>Technicians and technical specialists of any region, who may join as helpers (WO-4).</summary>
    public List<(int Id, string Name, string Region)> HelperCandidates { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        Details = await orders.GetAsync(Id);
        MayWork = Details.MayWork;
        var role = AccessScope.From(User).Role;
        MayManage = MayWork && Policies.Allows(Policies.TakeWorkOrders, role);
        MayApprove = MayWork && Policies.Allows(Policies.ApproveTechnicianChange, role);
        if (Policies.Allows(Policies.MakeCallbacks, role))
            Callbacks = [.. (await callbacks.ListAsync(new Callbacks.CallbackFilter { WorkOrderId = Id }, 1)).Items];
        if (MayWork)
        {
            Technicians = (await db.Staff.AsNoTracking().Where(s => s.IsActive && s.Role == StaffRole.Technician && s.RegionId == Order.RegionId)
                .OrderBy(s => s.StaffNumber).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
            HelperCandidates = (await db.Staff.AsNoTracking()
                .Where(s => s.IsActive && (s.Role == StaffRole.Technician || s.Role == StaffRole.TechnicalSupport) && s.Id != Order.TechnicianId)
                .OrderBy(s => s.RegionId == Order.RegionId ? 0 : 1).ThenBy(s => s.StaffNumber)
                .Select(s => new { s.Id, s.Name, Region = db.Regions.Where(r => r.Id == s.RegionId).Select(r => r.Name).FirstOrDefault() })
                .ToListAsync()).Select(s => (s.Id, s.Name, s.Region ?? "")).ToList();
        }
        CustomerPhone = await db.Customers.Where(c => c.Id == Order.CustomerId).Select(c => c.Phone).SingleAsync();
    }

    public Task<IActionResult> OnPostContactAsync(ContactOutcome outcome, string? progress, DateTime? agreedStart, DateTime? agreedEnd,
        RequiredPresence[]? required, string? notes, int version) =>
        Act(() => orders.RecordContactAsync(Id, new ContactInput(outcome, progress, Instant(agreedStart), Instant(agreedEnd),
            (required ?? []).Aggregate(RequiredPresence.None, (all, one) => all | one), notes, version)));

    public Task<IActionResult> OnPostScheduleAsync(DateTime start, DateTime end, bool customerConsented, int version) =>
        Act(() => orders.ScheduleAsync(Id, new ScheduleInput(Instant(start)!.Value, Instant(end)!.Value, customerConsented, version)));

    public Task<IActionResult> OnPostDayBeforeAsync(string confirmedBy, int version) =>
        Act(() => orders.ConfirmDayBeforeAsync(Id, new ConfirmationInput(confirmedBy, "", version)));

    public Task<IActionResult> OnPostHelperAsync(int staffId) => Act(() => orders.AddHelperAsync(Id, new HelperInput(staffId)));

    public Task<IActionResult> OnPostRemoveHelperAsync(int staffId) => Act(() => orders.RemoveHelperAsync(Id, staffId));

    public Task<IActionResult> OnPostChangeRequestAsync(int toTechnicianId, string? reason, bool forCustomer, int version) =>
        Act(() => orders.RequestTechnicianChangeAsync(Id, new TechnicianChangeInput(toTechnicianId, reason, forCustomer, version)));

    public Task<IActionResult> OnPostDecideAsync(int requestId, bool approve, string? note, int version) =>
        Act(() => orders.DecideTechnicianChangeAsync(Id, requestId, new DecisionInput(approve, note, version)));

    public Task<IActionResult> OnPostWaitAsync(string department, string question, int version) =>
        Act(() => orders.WaitForDepartmentAsync(Id, new DepartmentInput(department, question, version)));

    public Task<IActionResult> OnPostConfirmAsync(string confirmedBy, string answer, int version) =>
        Act(() => orders.ConfirmByDepartmentAsync(Id, new ConfirmationInput(confirmedBy, answer, version)));

    public Task<IActionResult> OnPostCancelAsync(string reason, int version) =>
        Act(() => orders.CancelAsync(Id, new ReasonInput(reason, version)));

    private async Task<IActionResult> Act(Func<Task> action)
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await action();
        return RedirectToPage(new { Id });
    }

    /// <summary>A time typed on the page is the site's local time.</summary>
    private DateTimeOffset? Instant(DateTime? localTime) =>
        localTime is { } t ? local.Instant(t) : null;
}
