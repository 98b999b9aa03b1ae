using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Schedule;

/// <summary>One technician's day (SCH-1), phone first: their hours or time off, then the visits in order.</summary>
public sealed class DayModel(ScheduleService schedule) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TechnicianId { get; set; }

    public DayViewDto View { get; private set; } = null!;

    public async Task OnGetAsync() => View = await schedule.DayAsync(Date, TechnicianId);

    public string DayUrl(DateOnly day) => $"/Schedule/Day?date={day:yyyy-MM-dd}&technicianId={View.Person.Id}";
}
