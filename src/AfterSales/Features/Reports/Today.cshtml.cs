using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Reports;

/// <summary>The manager's day board, reports part (RPT-3): each technician of theirs on field duty and where their report stands.</summary>
[Authorize(Policy = Policies.ViewDailyReports)]
public sealed class TodayModel(DailyReportService reports, LocalTime local) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    public DayBoard Board { get; private set; } = null!;
    public bool IsToday { get; private set; }
    public bool MayEnter { get; private set; }
    public bool MayViewAttendance { get; private set; }

    public async Task OnGetAsync()
    {
        var day = Date ?? local.Today;
        IsToday = day == local.Today;
        MayEnter = Policies.Allows(Policies.EnterDailyReports, AccessScope.From(User).Role);
        MayViewAttendance = Policies.Allows(Policies.ViewAttendance, AccessScope.From(User).Role);
        Board = await reports.BoardAsync(day);
    }
}
