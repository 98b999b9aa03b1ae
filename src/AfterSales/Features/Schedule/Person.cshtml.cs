using System.ComponentModel.DataAnnotations;
using AfterSales.Domain.Scheduling;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Schedule;

/// <summary>
/// One person's roster settings (SCH-1): their weekly hours and their days off, leave, trips and training.
/// A manager of their region changes them; the person reads them.
/// </summary>
public sealed class PersonModel(ScheduleService schedule, LocalTime local, IStringLocalizer<UiText> text) : PageModel, IReloadsOnError
{
    /// <summary>How far back the list of time off reaches.</summary>
    private const int PastDays = 31;

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PersonDto Person { get; private set; } = null!;
    public WorkingHoursDto Hours { get; private set; } = null!;
    public Paged<TimeOffDto> TimeOff { get; private set; } = null!;

    public sealed class InputModel
    {
        public TimeOffKind Kind { get; set; } = TimeOffKind.DayOff;
        public DateOnly? FirstDay { get; set; }
        public DateOnly? LastDay { get; set; }

        [StringLength(500, ErrorMessage = "TooLong")]
        public string? Note { get; set; }

        public List<WorkingDayInput> Days { get; set; } = [];

        /// <summary>Skill tags separated by commas (, ， 、 ; ；).</summary>
        [StringLength(1000, ErrorMessage = "TooLong")]
        public string? Skills { get; set; }
    }

    public List<string> SkillSuggestions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        Input.FirstDay = Input.LastDay = local.Today.AddDays(1);
    }

    public async Task ReloadAsync()
    {
        Person = await schedule.PersonAsync(Id);
        Hours = await schedule.GetWorkingHoursAsync(Id);
        TimeOff = await schedule.ListTimeOffAsync(new TimeOffFilter(StaffId: Id, From: local.Today.AddDays(-PastDays)), 1, 100);
        SkillSuggestions = await schedule.SkillSuggestionsAsync();
        Input.Skills ??= string.Join("、", Person.Skills);
        if (Input.Days.Count == 0)
            Input.Days = Hours.Days.Select(d => new WorkingDayInput(d.Day, d.Off, d.Start, d.End, d.Version)).ToList();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        Input.Days = [];
        if (Input.FirstDay is null) ModelState.AddModelError("Input.FirstDay", text["Required"]);
        if (Input.LastDay is null) ModelState.AddModelError("Input.LastDay", text["Required"]);
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await schedule.AddTimeOffAsync(new TimeOffInput(Id, Input.Kind, Input.FirstDay!.Value, Input.LastDay!.Value, Input.Note));
        return Saved();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int timeOffId, int version)
    {
        await schedule.RemoveTimeOffAsync(timeOffId, version);
        return Saved();
    }

    public async Task<IActionResult> OnPostHoursAsync()
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await schedule.SetWorkingHoursAsync(Id, new WorkingHoursInput(Input.Days));
        return Saved();
    }

    public async Task<IActionResult> OnPostSkillsAsync()
    {
        Input.Days = [];
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await schedule.SetSkillsAsync(Id, new SkillsInput((Input.Skills ?? "").Split(SkillSeparators)));
        return Saved();
    }

    private static readonly char[] SkillSeparators = [',', '，', '、', ';', '；', '\n'];

    public async Task<IActionResult> OnPostResetAsync()
    {
        await schedule.ResetWorkingHoursAsync(Id);
        return Saved();
    }

    private RedirectToPageResult Saved()
    {
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage(new { Id });
    }
}
