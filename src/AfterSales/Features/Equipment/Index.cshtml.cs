using AfterSales.Data;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Equipment;

/// <summary>The installed equipment the user is responsible for (SEC-2): their customers', their region's or all.</summary>
public sealed class IndexModel(AppDbContext db, EquipmentService equipment) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? ProductId { get; set; }

    /// <summary>"active" (in warranty), "expired", or empty for both.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Warranty { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CustomerId { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<EquipmentDto> Equipment { get; private set; } = null!;

    public List<string> Kinds { get; private set; } = [];

    public List<(int Id, string Label)> Products { get; private set; } = [];

    /// <summary>The customer the list is narrowed to, when the user may see them.</summary>
    public string? CustomerName { get; private set; }

    public bool MayAdd { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        // An unknown warranty value in a hand-typed URL shows everything rather than an error page.
        if (Warranty is not ("active" or "expired")) Warranty = null;
        Equipment = await Paged<EquipmentDto>.FromAsync(equipment.Query(scope, new EquipmentFilter(Q, Kind, ProductId, Warranty, CustomerId)), PageNumber);
        Kinds = await db.Equipment(scope).Select(e => e.Kind).Distinct().OrderBy(k => k).ToListAsync();
        Products = (await db.Products.AsNoTracking().OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync())
            .Select(p => (p.Id, $"{p.Code} · {p.Name}")).ToList();
        MayAdd = await equipment.MayAddAnyAsync(User);
        if (CustomerId is { } customerId)
            CustomerName = await db.Customers(scope).Where(c => c.Id == customerId).Select(c => c.Name).SingleOrDefaultAsync();
    }
}
