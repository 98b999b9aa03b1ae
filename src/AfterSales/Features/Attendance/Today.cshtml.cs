using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Attendance;

/// <summary>ATT-1: the day's latest position per technician on a map (readable without map tiles) and in a table, with the day's anomalies.</summary>
[Authorize(Policy = Policies.ViewAttendance)]
public sealed class TodayModel(AttendanceService attendance, LocalTime local) : PageModel
{
    [FromQuery(Name = "day")]
    public DateOnly? Day { get; set; }

    public TodayDto Data { get; private set; } = null!;

    public bool IsToday => Data.Day == local.Today;

    public bool MayViewReports => Policies.Allows(Policies.ViewDailyReports, AccessScope.From(User).Role);

    public async Task OnGetAsync() => Data = await attendance.TodayAsync(Day);

    public string Time(DateTimeOffset at) => local.ToLocal(at).ToString(Data.Day == DateOnly.FromDateTime(local.ToLocal(at).DateTime) ? "HH:mm" : "MM-dd HH:mm",
        System.Globalization.CultureInfo.InvariantCulture);
}
