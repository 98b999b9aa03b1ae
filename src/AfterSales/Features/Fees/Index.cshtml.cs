using AfterSales.Domain.Fees;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Fees;

/// <summary>The receipts the caller may see (their own, their region's, or all), filtered and paged.</summary>
public sealed class IndexModel(ReceiptService receipts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public ReceiptState? State { get; set; }
    [BindProperty(SupportsGet = true)] public PaymentMethod? Method { get; set; }
    [BindProperty(SupportsGet = true)] public int? TechnicianId { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<ReceiptSummaryDto> Receipts { get; private set; } = null!;
    public List<(int Id, string Name)> Technicians { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Receipts = await receipts.ListAsync(new ReceiptFilter { Q = Q, State = State, PaymentMethod = Method, TechnicianId = TechnicianId }, PageNumber);
        Technicians = await receipts.TechniciansAsync();
    }
}
