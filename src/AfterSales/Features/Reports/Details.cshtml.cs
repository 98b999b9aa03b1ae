using AfterSales.Domain.Reports;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Reports;

/// <summary>
/// One report: the message as received, each entry with the job it matched, the day's jobs without an entry, the
/// parser's problems; a message from an unknown number can be given to one of the manager's technicians.
/// </summary>
[Authorize(Policy = Policies.ViewDailyReports)]
public sealed class DetailsModel(DailyReportService reports, LocalTime local) : PageModel, IReloadsOnError
{
    public ReportDetailsDto Report { get; private set; } = null!;

    [BindProperty]
    public AssignInput Input { get; set; } = new();

    public List<SelectListItem> Technicians { get; private set; } = [];
    public bool MayAssign { get; private set; }

    public sealed class AssignInput
    {
        public int? TechnicianId { get; set; }
        public DateOnly? Day { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAssignAsync()
    {
        await reports.AssignAsync(Id, Input.TechnicianId, Input.Day);
        return RedirectToPage("Details", new { id = Id });
    }

    public async Task ReloadAsync()
    {
        Report = await reports.GetAsync(Id);
        var scope = AccessScope.From(User);
        MayAssign = Report.Report.Status == DailyReportStatus.UnknownSender && Policies.Allows(Policies.EnterDailyReports, scope.Role);
        if (!MayAssign) return;
        Input.Day ??= DateOnly.FromDateTime(local.ToLocal(Report.Report.ReceivedAt).DateTime);
        var people = await reports.Technicians(scope).AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.StaffNumber)
            .Select(s => new { s.Id, s.Name, s.StaffNumber }).ToListAsync();
        Technicians = [.. people.Select(s => new SelectListItem($"{s.Name} ({s.StaffNumber})", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
