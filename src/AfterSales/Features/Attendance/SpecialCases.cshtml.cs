using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Attendance;

/// <summary>ASM-6: special cases reported in advance to the supervision department, which records them here.</summary>
[Authorize(Policy = Policies.ViewAttendance)]
public sealed class SpecialCasesModel(AttendanceService attendance, LocalTime local, IStringLocalizer<UiText> text) : PageModel, IReloadsOnError
{
    [FromQuery(Name = "staffId")] public int? StaffId { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    [BindProperty] public InputModel Input { get; set; } = new();

    public Paged<SpecialCaseDto> Cases { get; private set; } = null!;
    public List<(int Id, string Label)> Technicians { get; private set; } = [];
    public bool MayRecord => Policies.Allows(Policies.RecordSpecialCases, AccessScope.From(User).Role);

    public sealed class InputModel
    {
        public int StaffId { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
        public string? Reason { get; set; }
    }

    public async Task OnGetAsync()
    {
        if (StaffId is { } id) await attendance.EnsureVisibleAsync(id);
        var now = local.Now.DateTime;
        Input = new InputModel { StaffId = StaffId ?? 0, From = now, To = now.Date.AddHours(18) > now ? now.Date.AddHours(18) : now.AddHours(2) };
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await attendance.RecordSpecialCaseAsync(new SpecialCaseInput(Input.StaffId, Input.From is { } f ? local.Instant(f) : null,
            Input.To is { } t ? local.Instant(t) : null, Input.Reason));
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage(new { staffId = StaffId });
    }

    public async Task ReloadAsync()
    {
        Technicians = await attendance.TechniciansAsync();
        Cases = await attendance.SpecialCasesAsync(StaffId, PageNumber);
    }

    public string Time(DateTimeOffset at) => local.ToLocal(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
