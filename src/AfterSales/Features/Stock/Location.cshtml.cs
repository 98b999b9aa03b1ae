using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Stock;

/// <summary>One location's stock on hand and its ledger; someone else's stock is a 404.</summary>
public sealed class LocationModel(StockService stock) : PageModel
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public LocationStockDto Stock { get; private set; } = null!;
    public Paged<MovementDto> Movements { get; private set; } = null!;

    public async Task OnGetAsync(int id)
    {
        Stock = await stock.StockAsync(id);
        Movements = await stock.MovementsAsync(id, PageNumber);
    }
}
