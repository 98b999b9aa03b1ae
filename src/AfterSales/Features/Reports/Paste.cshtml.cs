using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Reports;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Reports;

/// <summary>RPT-2: a manager types or pastes a technician's report for a day, then sees it matched on its details page.</summary>
[Authorize(Policy = Policies.EnterDailyReports)]
public sealed class PasteModel(DailyReportService reports, LocalTime local) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Technicians { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        public int? TechnicianId { get; set; }

        public DateOnly? Day { get; set; }

        public TimeOnly? ReceivedAt { get; set; }

        [Required(ErrorMessage = "Required")]
        [StringLength(DailyReport.MaxTextLength, ErrorMessage = "TooLong")]
        public string? Text { get; set; }
    }

    public async Task OnGetAsync(int? technicianId, DateOnly? day)
    {
        Input = new InputModel { TechnicianId = technicianId, Day = day ?? local.Today };
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var id = await reports.PasteAsync(new PasteInput(Input.TechnicianId, Input.Day, Input.ReceivedAt, Input.Text));
        return RedirectToPage("Details", new { id });
    }

    public async Task ReloadAsync()
    {
        Input.Day ??= local.Today;
        var people = await reports.Technicians(AccessScope.From(User)).AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.StaffNumber)
            .Select(s => new { s.Id, s.Name, s.StaffNumber }).ToListAsync();
        Technicians = [.. people.Select(s => new SelectListItem($"{s.Name} ({s.StaffNumber})", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
