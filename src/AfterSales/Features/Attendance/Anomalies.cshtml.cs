using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Attendance;

/// <summary>ATT-1: the location anomalies of the technicians one oversees, by person and days.</summary>
[Authorize(Policy = Policies.ViewAttendance)]
public sealed class AnomaliesModel(AttendanceService attendance) : PageModel
{
    [FromQuery(Name = "staffId")] public int? StaffId { get; set; }
    [FromQuery(Name = "from")] public DateOnly? From { get; set; }
    [FromQuery(Name = "to")] public DateOnly? To { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<AnomalyDto> Anomalies { get; private set; } = null!;
    public List<(int Id, string Label)> Technicians { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (StaffId is { } id) await attendance.EnsureVisibleAsync(id);
        Technicians = await attendance.TechniciansAsync();
        Anomalies = await attendance.AnomaliesAsync(StaffId, From, To, PageNumber);
    }
}
