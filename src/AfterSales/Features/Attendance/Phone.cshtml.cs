using AfterSales.Domain.Attendance;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Attendance;

/// <summary>ATT-2: managers record phone events of their technicians and, later, when the phone came back.</summary>
[Authorize(Policy = Policies.ViewAttendance)]
public sealed class PhoneModel(PhoneService phones, AttendanceService attendance, LocalTime local, IStringLocalizer<UiText> text)
    : PageModel, IReloadsOnError
{
    [FromQuery(Name = "staffId")] public int? StaffId { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    [BindProperty] public InputModel Input { get; set; } = new();

    public Paged<PhoneEventDto> Events { get; private set; } = null!;
    public List<(int Id, string Label)> Technicians { get; private set; } = [];
    public bool MayRecord => Policies.Allows(Policies.RecordIncidents, AccessScope.From(User).Role);
    public DateTimeOffset Now => local.Now;

    public sealed class InputModel
    {
        public int StaffId { get; set; }
        public PhoneEventKind? Kind { get; set; }
        public DateTime? At { get; set; }
        public string? Note { get; set; }
        public bool FalseReport { get; set; }
        public DateTime? RestoredAt { get; set; }
    }

    public async Task OnGetAsync()
    {
        if (StaffId is { } id) await attendance.EnsureVisibleAsync(id);
        Input.At = local.Now.DateTime;
        Input.StaffId = StaffId ?? 0;
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await phones.RecordAsync(new PhoneEventInput(Input.StaffId, Input.Kind, Input.At is { } at ? local.Instant(at) : null, Input.Note,
            Input.FalseReport, Input.RestoredAt is { } restored ? local.Instant(restored) : null));
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage(new { staffId = StaffId });
    }

    public async Task<IActionResult> OnPostRestoredAsync(int id, int version, DateTime? restoredAt)
    {
        await phones.RestoreAsync(id, new RestorationInput(restoredAt is { } at ? local.Instant(at) : null, version));
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage(new { staffId = StaffId });
    }

    public async Task ReloadAsync()
    {
        Technicians = await attendance.TechniciansAsync();
        Events = await phones.ListAsync(StaffId, PageNumber);
    }

    public string Time(DateTimeOffset at) => local.ToLocal(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
