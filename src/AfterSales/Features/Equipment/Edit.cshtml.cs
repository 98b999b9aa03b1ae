using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Data;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Equipment;

/// <summary>
/// Registers a unit at a site (from a site: <c>?siteId=</c>, else chosen among the sites the user may change) or
/// changes one. The serial number is fixed once registered. Allowed to whoever may change the site's customer.
/// </summary>
public sealed class EditModel(AppDbContext db, EquipmentService equipment, IStringLocalizer<UiText> text) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }

    /// <summary>The site given by <c>?siteId=</c> on create: shown, not chosen.</summary>
    [BindProperty(SupportsGet = true)]
    public int? SiteId { get; set; }

    public SiteOption? FixedSite { get; private set; }

    public List<SelectListItem> Sites { get; private set; } = [];

    public List<SelectListItem> Products { get; private set; } = [];

    public List<string> Kinds { get; private set; } = [];

    public string? Serial { get; private set; }

    public sealed class InputModel
    {
        [StringLength(60, ErrorMessage = "TooLong")]
        public string? SerialNumber { get; set; }

        [Required(ErrorMessage = "Required")]
        public int? ProductId { get; set; }

        public int? SiteId { get; set; }

        [StringLength(50, ErrorMessage = "TooLong")]
        public string? Kind { get; set; }

        [StringLength(100, ErrorMessage = "TooLong")]
        public string? Model { get; set; }

        [DataType(DataType.Date)]
        public DateOnly? InstalledOn { get; set; }

        [DataType(DataType.Date)]
        public DateOnly? WarrantyEnd { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is not null)
        {
            var unit = await equipment.GetAsync(User, id.Value);
            if (!await equipment.MayEditAsync(User, id.Value)) return Forbid();
            Input = new InputModel
            {
                SerialNumber = unit.SerialNumber, ProductId = unit.ProductId, SiteId = unit.SiteId, Kind = unit.Kind, Model = unit.Model,
                InstalledOn = unit.InstalledOn, WarrantyEnd = unit.WarrantyEnd, Version = unit.Version,
            };
            SiteId = null;
        }
        else if (SiteId is { } siteId)
        {
            if (await equipment.SiteForNewAsync(User, siteId) is null) return Forbid();
            Input.SiteId = siteId;
        }
        await ReloadAsync();
        if (FixedSite is null && Sites.Count == 0) return Forbid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        if (id is not null) SiteId = null;
        if (SiteId is { } fixedSite)
        {
            // Checked before the form is validated, so an unknown site is a 404 rather than a form shown again without it.
            if (await equipment.SiteForNewAsync(User, fixedSite) is null) return Forbid();
            Input.SiteId = fixedSite;
        }
        if (id is null && string.IsNullOrWhiteSpace(Input.SerialNumber)) ModelState.AddModelError("Input.SerialNumber", text["Required"]);
        if (Input.SiteId is null) ModelState.AddModelError("Input.SiteId", text["Required"]);
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var outcome = await equipment.SaveAsync(User, id, new EquipmentInput(Input.SerialNumber, Input.ProductId ?? 0, Input.SiteId ?? 0,
            Input.Kind, Input.Model, Input.InstalledOn, Input.WarrantyEnd, Input.Version));
        if (outcome.Denied) return Forbid();
        TempData["Flash"] = text["Saved"].Value;
        return Redirect($"/Equipment/Details/{outcome.Id}");
    }

    public async Task ReloadAsync()
    {
        if (Id is { } id) Serial = (await equipment.GetAsync(User, id)).SerialNumber;
        if (SiteId is { } siteId)
        {
            FixedSite = await equipment.SiteForNewAsync(User, siteId);
        }
        else
        {
            Sites = (await equipment.EditableSitesAsync(User))
                .Select(s => new SelectListItem($"{s.CustomerName} · {s.SiteName} · {s.Place}", s.Id.ToString(CultureInfo.InvariantCulture)))
                .ToList();
        }
        // Discontinued products are offered only to the unit that already has one.
        var products = await db.Products.AsNoTracking()
            .Where(p => p.IsActive || p.Id == Input.ProductId)
            .OrderBy(p => p.Code)
            .Select(p => new { p.Id, p.Code, p.Name })
            .ToListAsync();
        Products = products.Select(p => new SelectListItem($"{p.Code} · {p.Name}", p.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        Kinds = (await db.Products.Where(p => p.EquipmentKind != null).Select(p => p.EquipmentKind!)
                .Union(db.Equipment.Select(e => e.Kind)).ToListAsync())
            .Distinct().Order().ToList();
    }
}
