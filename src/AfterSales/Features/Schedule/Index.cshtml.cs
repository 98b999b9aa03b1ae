using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Schedule;

/// <summary>The week calendar (SCH-1): one row per technician, one column per day; a technician sees their own row.</summary>
public sealed class IndexModel(ScheduleService schedule) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? RegionId { get; set; }

    public WeekDto Week { get; private set; } = null!;

    public bool ChoosesRegion { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        ChoosesRegion = scope.SeesAllRegions;
        Week = await schedule.WeekAsync(Date, ChoosesRegion ? RegionId : null, null);
    }

    public string WeekUrl(DateOnly day) => $"/Schedule?date={day:yyyy-MM-dd}" + (RegionId is { } r && ChoosesRegion ? $"&regionId={r}" : "");
}
