using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Customers;

/// <summary>
/// Create or edit a customer. Technicians may correct their own customers' details but not move them to another
/// region or technician; only managers, the GM and administrators set the technician (WO-4).
/// </summary>
public sealed class EditModel(CustomerService customers, IStringLocalizer<UiText> text) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }
    public CustomerDetailsDto? Existing { get; private set; }
    public bool MayChangeRegion { get; private set; }
    public bool MayAssignTechnician { get; private set; }
    public List<SelectListItem> Regions { get; private set; } = [];
    public List<SelectListItem> Technicians { get; private set; } = [];
    /// <summary>What the read-only region and technician fields show.</summary>
    public string? RegionName { get; private set; }
    public string? TechnicianName { get; private set; }

    public sealed class InputModel
    {
        [StringLength(20, ErrorMessage = "TooLong")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Required")]
        [StringLength(100, ErrorMessage = "TooLong")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(30, ErrorMessage = "TooLong")]
        public string Phone { get; set; } = "";

        public int RegionId { get; set; }
        public int? TechnicianId { get; set; }

        [StringLength(100, ErrorMessage = "TooLong")]
        public string? SoldBy { get; set; }

        [StringLength(2000, ErrorMessage = "TooLong")]
        public string? Notes { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await LoadAsync(id)) return Forbid();
        if (Existing is { } c)
        {
            Input = new InputModel
            {
                Code = c.Code, Name = c.Name, Phone = c.Phone, RegionId = c.RegionId, TechnicianId = c.TechnicianId,
                SoldBy = c.SoldBy, Notes = c.Notes, Version = c.Version,
            };
        }
        else
        {
            Input.RegionId = customers.Scope.RegionId ?? 0;
        }
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await LoadAsync(id)) return Forbid();
        var scope = customers.Scope;
        // Fields shown read-only keep their stored value whatever the form sent.
        if (!MayChangeRegion) Input.RegionId = Existing?.RegionId ?? scope.RegionId ?? 0;
        if (!MayAssignTechnician) Input.TechnicianId = Existing?.TechnicianId;
        if (id is null && string.IsNullOrWhiteSpace(Input.Code)) ModelState.AddModelError("Input.Code", text["Required"]);
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var saved = await customers.SaveAsync(id, new CustomerInput(Input.Code ?? "", Input.Name, Input.Phone, Input.RegionId,
            Input.TechnicianId, Input.SoldBy, Input.Notes, Input.Version));
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage("Details", new { id = saved });
    }

    /// <summary>False when the person may see the customer but not change it (or may not create customers).</summary>
    private async Task<bool> LoadAsync(int? id)
    {
        Id = id;
        var scope = customers.Scope;
        MayChangeRegion = CustomerService.MayChangeRegion(scope);
        MayAssignTechnician = CustomerService.MayAssignTechnician(scope);
        if (id is null) return CustomerService.MayCreate(scope);
        Existing = await customers.GetAsync(id.Value);
        return await customers.MayEditAsync(Existing);
    }

    public async Task ReloadAsync()
    {
        var regions = await customers.RegionsAsync();
        Regions = regions.Select(r => new SelectListItem(r.Name, Key(r.Id))).ToList();
        var technicians = await customers.TechniciansAsync(activeOnly: true);
        var groups = regions.ToDictionary(r => r.Id, r => new SelectListGroup { Name = r.Name });
        Technicians = technicians
            .Select(t => new SelectListItem(t.Name, Key(t.Id)) { Group = t.RegionId is { } r && groups.Count > 1 ? groups.GetValueOrDefault(r) : null })
            .ToList();
        // Someone who left keeps their customers until they are handed over; do not drop them silently from the form.
        if (Existing?.TechnicianId is { } current && technicians.All(t => t.Id != current))
            Technicians.Insert(0, new SelectListItem(Existing.TechnicianName, Key(current)));
        RegionName = regions.FirstOrDefault(r => r.Id == Input.RegionId)?.Name ?? Existing?.RegionName;
        TechnicianName = Input.TechnicianId is null ? null
            : technicians.FirstOrDefault(t => t.Id == Input.TechnicianId)?.Name ?? Existing?.TechnicianName;
        if (Id is null && !MayAssignTechnician && customers.Scope.SeesOnlyOwnWork)
            TechnicianName = User.FindFirst(AccessScope.StaffNameClaim)?.Value;
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}
