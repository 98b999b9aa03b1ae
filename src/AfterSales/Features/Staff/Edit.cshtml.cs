using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.People;

[Authorize(Policy = Policies.ManageStaff)]
public sealed class EditModel(AppDbContext db, StaffService staff, LocalTime time, IStringLocalizer<UiText> text) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }

    public List<SelectListItem> Regions { get; private set; } = [];

    public List<SelectListItem> Managers { get; private set; } = [];

    public sealed class InputModel
    {
        [StringLength(StaffService.MaxStaffNumberLength, ErrorMessage = "TooLong")]
        public string? StaffNumber { get; set; }

        [Required(ErrorMessage = "Required")]
        [StringLength(StaffService.MaxNameLength, ErrorMessage = "TooLong")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(30, ErrorMessage = "TooLong")]
        public string Phone { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        public StaffRole? Role { get; set; } = StaffRole.Technician;

        public int? RegionId { get; set; }
        public int? ManagerId { get; set; }

        [Range(Staff.LowestSkillLevel, Staff.HighestSkillLevel, ErrorMessage = "Invalid.Number")]
        public int SkillLevel { get; set; } = Staff.LowestSkillLevel;

        [Required(ErrorMessage = "Required")]
        public DateOnly? HireDate { get; set; }

        /// <summary>HR-2: the deposit (one month of it) is reckoned from this.</summary>
        [Range(0, 10_000_000, ErrorMessage = "Invalid.Number")]
        public decimal? MonthlySalary { get; set; }

        public int Version { get; set; }
    }

    public async Task OnGetAsync(int? id)
    {
        Id = id;
        if (id is null)
        {
            Input.HireDate = time.Today;
        }
        else
        {
            var member = await staff.GetAsync(AccessScope.From(User), id.Value);
            Input = new InputModel
            {
                StaffNumber = member.StaffNumber, Name = member.Name, Phone = member.Phone, Role = member.Role,
                RegionId = member.RegionId, ManagerId = member.ManagerId, SkillLevel = member.SkillLevel,
                HireDate = member.HireDate, Version = member.Version, MonthlySalary = member.MonthlySalary,
            };
        }
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        if (id is null && string.IsNullOrWhiteSpace(Input.StaffNumber))
            ModelState.AddModelError("Input.StaffNumber", text["Required"]);
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var saved = await staff.SaveAsync(id, new StaffInput(Input.StaffNumber, Input.Name, Input.Phone, Input.Role?.ToString(),
            // HR-1: a saved person's level changes only on their page, with a reason; the form sets the level one joins at.
            Input.RegionId, Input.ManagerId, id is null ? Input.SkillLevel : null, Input.HireDate, Input.Version, Input.MonthlySalary),
            AccessScope.From(User));
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage("Details", new { id = saved });
    }

    public async Task ReloadAsync()
    {
        Id ??= RouteData.Values["id"] is string routeId ? int.Parse(routeId, CultureInfo.InvariantCulture) : null;
        Regions = (await db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => new { r.Id, r.Name, r.Code }).ToListAsync())
            .Select(r => new SelectListItem($"{r.Name} ({r.Code})", r.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        var candidates = await db.Staff.AsNoTracking()
            .Where(s => s.IsActive && s.Id != Id)
            .OrderBy(s => s.StaffNumber)
            .Select(s => new { s.Id, s.Name, s.StaffNumber, s.Role })
            .ToListAsync();
        Managers = candidates.Select(s => new SelectListItem($"{s.Name} ({s.StaffNumber}) · {text["Role." + s.Role]}",
            s.Id.ToString(CultureInfo.InvariantCulture))).ToList();
    }
}
