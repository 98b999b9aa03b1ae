using AfterSales.Domain.Reports;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Reports;

/// <summary>The reports a manager may see, newest first, by day, technician and status (unknown senders included).</summary>
[Authorize(Policy = Policies.ViewDailyReports)]
public sealed class IndexModel(DailyReportService reports) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TechnicianId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DailyReportStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<ReportSummaryDto> Reports { get; private set; } = null!;
    public List<(int Id, string Name)> Technicians { get; private set; } = [];
    public bool MayEnter { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        MayEnter = Policies.Allows(Policies.EnterDailyReports, scope.Role);
        Reports = await reports.ListAsync(new ReportFilter(Day, TechnicianId, Status), PageNumber, Paged<ReportSummaryDto>.DefaultPageSize);
        Technicians = [.. (await reports.Technicians(scope).AsNoTracking().OrderBy(s => s.StaffNumber).Select(s => new { s.Id, s.Name }).ToListAsync())
            .Select(s => (s.Id, s.Name))];
    }
}
