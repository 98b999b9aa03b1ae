using AfterSales.Domain.Inventory;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Stock;

/// <summary>The items the company stocks (tools, parts, accessories, materials) with their unit and price.</summary>
[Authorize(Policy = Policies.ViewStock)]
public sealed class ItemsModel(StockService stock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public StockItemKind? Kind { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<StockItemDto> Items { get; private set; } = null!;

    public async Task OnGetAsync() => Items = await Paged<StockItemDto>.FromAsync(stock.Items(Q, Kind), PageNumber);
}
