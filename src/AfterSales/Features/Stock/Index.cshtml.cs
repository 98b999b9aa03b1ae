using AfterSales.Domain.Inventory;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Stock;

/// <summary>The stock start page: a technician's own stock, tools and parts to ship back (phone first); the locations for warehouse staff.</summary>
public sealed class IndexModel(StockService stock, PartReturnService returns) : PageModel
{
    public LocationStockDto? Mine { get; private set; }
    public IReadOnlyList<PartReturnDto> MyReturns { get; private set; } = [];
    public List<LocationDto> Locations { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (await stock.MyLocationAsync(create: true) is { } mine)
        {
            Mine = await stock.StockAsync(mine.Id);
            MyReturns = (await returns.ListAsync(new PartReturnFilter(TechnicianId: stock.Scope.StaffId), 1, 50)).Items
                .Where(r => r.State is PartReturnState.Pending or PartReturnState.Shipped or PartReturnState.Charged).ToList();
        }
        if (stock.MayView) Locations = await stock.LocationsAsync(StockLocationKind.Warehouse);
        if (stock.MayView) Locations.AddRange(await stock.LocationsAsync(StockLocationKind.Technician));
    }
}
