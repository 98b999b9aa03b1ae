using AfterSales.Data;
using AfterSales.Domain.Fees;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Fees;

/// <summary>A new receipt on the phone, from the job page: what the customer asked for, item by item (FEE-1).</summary>
public sealed class NewModel(AppDbContext db, ReceiptService receipts) : PageModel, IReloadsOnError
{
    public const int Rows = 3;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public PaymentMethod PaymentMethod { get; set; } = PaymentMethod.Cash;
        public List<LineModel> Lines { get; set; } = [];
    }

    public sealed class LineModel
    {
        public ReceiptLineKind Kind { get; set; } = ReceiptLineKind.Material;
        public int? ProductId { get; set; }
        public string? Description { get; set; }
        public decimal? Quantity { get; set; }
        public decimal? UnitPrice { get; set; }
    }

    public int WorkOrderId { get; private set; }
    public string WorkOrderLabel { get; private set; } = "";
    public List<(int Id, string Label)> Products { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int workOrderId)
    {
        WorkOrderId = workOrderId;
        if (!await LoadWorkOrderAsync()) return NotFound();
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int workOrderId)
    {
        WorkOrderId = workOrderId;
        var lines = Input.Lines.Select(l => new ReceiptLineInput(l.Kind, l.ProductId, l.Description,
            l.Quantity ?? (l.ProductId is null && string.IsNullOrWhiteSpace(l.Description) && l.UnitPrice is null ? 0 : 1), l.UnitPrice)).ToList();
        var id = await receipts.CreateAsync(new ReceiptInput(workOrderId, Input.PaymentMethod, lines));
        return Redirect($"/Fees/{id}");
    }

    public async Task ReloadAsync()
    {
        await LoadWorkOrderAsync();
        Products = (await db.Products.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Category).ThenBy(p => p.Code)
                .Select(p => new { p.Id, p.Name, p.Price }).ToListAsync())
            .Select(p => (p.Id, p.Price is { } price ? $"{p.Name} · ¥{price:0.00}" : p.Name)).ToList();
        while (Input.Lines.Count < Rows) Input.Lines.Add(new LineModel());
    }

    private async Task<bool> LoadWorkOrderAsync()
    {
        var order = await db.WorkOrders(AccessScope.From(User)).AsNoTracking().Where(w => w.Id == WorkOrderId)
            .Select(w => new { w.Id, Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First() }).SingleOrDefaultAsync();
        if (order is null) return false;
        WorkOrderLabel = $"WO{order.Id:000000} · {order.Customer}";
        return true;
    }
}
