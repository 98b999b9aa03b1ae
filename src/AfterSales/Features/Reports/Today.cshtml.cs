using AfterSales.Features.Attendance;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Reports;

/// <summary>
/// The manager's day board (RPT-3, ATT-1): each technician of theirs on field duty and where their report stands, and —
/// for those who may see attendance — their latest position, the day's anomalies and the map, on one page.
/// </summary>
[Authorize(Policy = Policies.ViewDailyReports)]
public sealed class TodayModel(DailyReportService reports, AttendanceService attendance, LocalTime local) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    public DayBoard Board { get; private set; } = null!;
    public bool IsToday { get; private set; }
    public bool MayEnter { get; private set; }

    /// <summary>The day's positions and anomalies; null for someone who may not see attendance (a supervisor).</summary>
    public TodayDto? Attendance { get; private set; }

    public IReadOnlyDictionary<int, LatestPositionDto> Positions { get; private set; } = new Dictionary<int, LatestPositionDto>();

    public async Task OnGetAsync()
    {
        var day = Date ?? local.Today;
        IsToday = day == local.Today;
        var role = AccessScope.From(User).Role;
        MayEnter = Policies.Allows(Policies.EnterDailyReports, role);
        Board = await reports.BoardAsync(day);
        if (Policies.Allows(Policies.ViewAttendance, role))
        {
            Attendance = await attendance.TodayAsync(day);
            Positions = Attendance.Technicians.ToDictionary(t => t.StaffId);
        }
    }

    public int Count(Func<BoardRow, bool> which) => Board.Rows.Count(which);

    public string Time(DateTimeOffset at) => local.ToLocal(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
