using System.ComponentModel.DataAnnotations;
using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Customers.Contacts;

/// <summary>Add, edit or remove someone met at a site: the owner, the site supervisor, a plumber … (WO-3).</summary>
public sealed class EditModel(CustomerService customers, IStringLocalizer<UiText> text, IStringLocalizer<CustomersText> customerText) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public CustomerDetailsDto Customer { get; private set; } = null!;
    public SiteDto Site { get; private set; } = null!;
    public ContactDto? Contact { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        [StringLength(100, ErrorMessage = "TooLong")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        [StringLength(30, ErrorMessage = "TooLong")]
        public string Phone { get; set; } = "";

        [Required(ErrorMessage = "Required")]
        public Trade? Trade { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int customerId, int siteId, int? contactId)
    {
        if (!await LoadAsync(customerId, siteId, contactId)) return Forbid();
        if (Contact is { } c) Input = new InputModel { Name = c.Name, Phone = c.Phone, Trade = c.Trade, Version = c.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int customerId, int siteId, int? contactId)
    {
        if (!await LoadAsync(customerId, siteId, contactId)) return Forbid();
        if (!ModelState.IsValid) return Page();
        await customers.SaveContactAsync(customerId, siteId, contactId, new ContactInput(Input.Name, Input.Phone, Input.Trade!.Value, Input.Version));
        TempData["Flash"] = text["Saved"].Value;
        return Redirect(SitePage(customerId, siteId));
    }

    public async Task<IActionResult> OnPostRemoveAsync(int customerId, int siteId, int? contactId)
    {
        if (contactId is null) return NotFound();
        if (!await LoadAsync(customerId, siteId, contactId)) return Forbid();
        await customers.RemoveContactAsync(customerId, siteId, contactId.Value);
        TempData["Flash"] = customerText["ContactRemoved", Contact!.Name].Value;
        return Redirect(SitePage(customerId, siteId));
    }

    public static string SitePage(int customerId, int siteId) => $"/Customers/{customerId}/Sites/Edit/{siteId}";

    private async Task<bool> LoadAsync(int customerId, int siteId, int? contactId)
    {
        Customer = await customers.GetAsync(customerId);
        Site = Customer.Sites.SingleOrDefault(s => s.Id == siteId) ?? throw new NotFoundException();
        if (contactId is not null) Contact = Site.Contacts.SingleOrDefault(c => c.Id == contactId) ?? throw new NotFoundException();
        return await customers.MayEditAsync(Customer);
    }
}
