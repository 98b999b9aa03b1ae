using System.ComponentModel.DataAnnotations;
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

namespace AfterSales.Features.Regions;

[Authorize(Policy = Policies.ManageRegions)]
public sealed class EditModel(AppDbContext db, RegionService regions, IStringLocalizer<UiText> text) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }

    public List<SelectListItem> Managers { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        [StringLength(20, ErrorMessage = "TooLong")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(100, ErrorMessage = "TooLong")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(100, ErrorMessage = "TooLong")]
        public string City { get; set; } = "";

        public int? ManagerId { get; set; }
        public int? DeputyManagerId { get; set; }
        public int Version { get; set; }
    }

    public async Task OnGetAsync(int? id)
    {
        Id = id;
        if (id is not null)
        {
            var region = await regions.GetAsync(id.Value);
            Input = new InputModel
            {
                Code = region.Code, Name = region.Name, City = region.City,
                ManagerId = region.ManagerId, DeputyManagerId = region.DeputyManagerId, Version = region.Version,
            };
        }
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var saved = await regions.SaveAsync(id, new RegionInput(Input.Code, Input.Name, Input.City, Input.ManagerId, Input.DeputyManagerId, Input.Version));
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage("Details", new { id = saved });
    }

    public async Task ReloadAsync()
    {
        var candidates = await db.Staff.AsNoTracking()
            .Where(s => s.IsActive && (s.Role == StaffRole.RegionalManager || s.Role == StaffRole.DeputyManager))
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.StaffNumber })
            .ToListAsync();
        Managers = candidates.Select(s => new SelectListItem($"{s.Name} ({s.StaffNumber})", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }
}
