using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Leads;

/// <summary>HR-4: the phone form — which customer, what they want, what they said it is worth. No prices are quoted.</summary>
public sealed class NewModel(AppDbContext db, LeadService leads, IStringLocalizer<LeadsText> text) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Customers { get; private set; } = [];
    public List<SelectListItem> Sites { get; private set; } = [];

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Required")]
        public int? CustomerId { get; set; }

        public int? SiteId { get; set; }

        [Required(ErrorMessage = "Required")]
        [StringLength(SalesLead.MaxWantsLength, ErrorMessage = "TooLong")]
        public string? Wants { get; set; }

        public decimal? EstimatedValue { get; set; }
    }

    public async Task OnGetAsync(int? customerId)
    {
        Input.CustomerId = customerId;
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        var id = await leads.RecordAsync(new SalesLeadInput(Input.CustomerId!.Value, Input.SiteId, Input.Wants, Input.EstimatedValue));
        TempData["Flash"] = text["Recorded"].Value;
        return RedirectToPage("Details", new { id });
    }

    public async Task ReloadAsync()
    {
        var scope = AccessScope.From(User);
        var customers = await db.Customers(scope).AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.Name }).Take(500).ToListAsync();
        Customers = [.. customers.Select(c => new SelectListItem($"{c.Name} ({c.Code})", c.Id.ToString(CultureInfo.InvariantCulture)))];
        if (Input.CustomerId is { } customer)
            Sites = [.. (await db.Sites(scope).AsNoTracking().Where(s => s.CustomerId == customer).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name, s.City }).ToListAsync())
                .Select(s => new SelectListItem($"{s.Name} · {s.City}", s.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}
