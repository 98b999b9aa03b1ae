using AfterSales.Domain.Inventory;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Stock;

/// <summary>INV-3: replaced parts awaiting return; a technician sees their own, warehouse staff their region's.</summary>
public sealed class ReturnsModel(PartReturnService returns) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PartReturnState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Overdue { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<PartReturnDto> Returns { get; private set; } = null!;

    public async Task OnGetAsync() => Returns = await returns.ListAsync(new PartReturnFilter(State, null, Overdue), PageNumber);
}
