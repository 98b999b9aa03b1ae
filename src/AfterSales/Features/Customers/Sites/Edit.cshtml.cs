using System.ComponentModel.DataAnnotations;
using AfterSales.Domain;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Customers.Sites;

/// <summary>Add or edit a site of a customer; the site's contacts are listed here to edit or remove.</summary>
public sealed class EditModel(CustomerService customers, IStringLocalizer<UiText> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public CustomerDetailsDto Customer { get; private set; } = null!;
    public SiteDto? Site { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        [StringLength(100, ErrorMessage = "TooLong")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(50, ErrorMessage = "TooLong")]
        public string City { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(300, ErrorMessage = "TooLong")]
        public string Address { get; set; } = "";

        public decimal? Latitude { get; set; }
        public decimal? Longitude { get; set; }
        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int customerId, int? siteId)
    {
        if (!await LoadAsync(customerId, siteId)) return Forbid();
        if (Site is { } s)
            Input = new InputModel { Name = s.Name, City = s.City, Address = s.Address, Latitude = s.Latitude, Longitude = s.Longitude, Version = s.Version };
        else
            Input.City = Customer.Sites.FirstOrDefault()?.City ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int customerId, int? siteId)
    {
        if (!await LoadAsync(customerId, siteId)) return Forbid();
        if (!ModelState.IsValid) return Page();
        await customers.SaveSiteAsync(customerId, siteId,
            new SiteInput(Input.Name, Input.City, Input.Address, Input.Latitude, Input.Longitude, Input.Version));
        TempData["Flash"] = text["Saved"].Value;
        return Redirect($"/Customers/Details/{customerId}");
    }

    private async Task<bool> LoadAsync(int customerId, int? siteId)
    {
        Customer = await customers.GetAsync(customerId);
        if (siteId is not null)
            Site = Customer.Sites.SingleOrDefault(s => s.Id == siteId) ?? throw new NotFoundException();
        return await customers.MayEditAsync(Customer);
    }
}
