using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.WorkOrders;

/// <summary>Intake by a store or a dispatcher: choose the customer, then the site, the kind and what the job is about.</summary>
[Authorize(Policy = Policies.TakeWorkOrders)]
public sealed class NewModel(AppDbContext db, WorkOrderService orders, IStringLocalizer<ErrorText> errors) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int? CustomerId { get; set; }
        public int? SiteId { get; set; }
        public WorkOrderKind Kind { get; set; } = WorkOrderKind.Measurement;
        public string Description { get; set; } = "";
        public int? TechnicianId { get; set; }
        public int? ProductId { get; set; }
        public int Quantity { get; set; } = 1;
    }

    public List<(int Id, string Label)> Customers { get; private set; } = [];
    public List<(int Id, string Label)> Sites { get; private set; } = [];
    public List<(int Id, string Label)> Technicians { get; private set; } = [];
    public List<(int Id, string Label)> Products { get; private set; } = [];
    public string? OwnTechnician { get; private set; }

    public Task OnGetAsync() => ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.CustomerId is null || Input.SiteId is null)
        {
            ModelState.AddModelError(Input.CustomerId is null ? "Input.CustomerId" : "Input.SiteId", errors["Required"]);
            await ReloadAsync();
            return Page();
        }
        var items = Input.ProductId is { } product ? new[] { new IntakeItem(product, null, Input.Quantity) } : [];
        var id = await orders.TakeAsync(new IntakeInput(Input.Kind, Input.CustomerId.Value, Input.SiteId.Value, Input.Description, Input.TechnicianId, items));
        return RedirectToPage("Details", new { id });
    }

    public async Task ReloadAsync()
    {
        var scope = AccessScope.From(User);
        Customers = (await db.Customers(scope).OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.Name }).ToListAsync())
            .Select(c => (c.Id, $"{c.Code} {c.Name}")).ToList();
        Products = (await db.Products.Where(p => p.IsActive).OrderBy(p => p.Code).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync())
            .Select(p => (p.Id, $"{p.Name} ({p.Code})")).ToList();
        if (Input.CustomerId is not { } customerId) return;
        var customer = await db.Customers(scope).Include(c => c.Sites).SingleOrDefaultAsync(c => c.Id == customerId);
        if (customer is null) return;
        Sites = customer.Sites.OrderBy(s => s.Id).Select(s => (s.Id, $"{s.Name} · {s.Address}")).ToList();
        if (Input.SiteId is null && Sites.Count == 1) Input.SiteId = Sites[0].Id;
        OwnTechnician = customer.TechnicianId is { } own ? await db.Staff.Where(s => s.Id == own).Select(s => s.Name).SingleAsync() : null;
        if (OwnTechnician is null)
        {
            Technicians = (await db.Staff.Where(s => s.Role == StaffRole.Technician && s.IsActive && s.RegionId == customer.RegionId)
                .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync()).Select(s => (s.Id, s.Name)).ToList();
        }
    }
}
