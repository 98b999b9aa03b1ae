using System.Globalization;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace AfterSales.Features.Stock;

[Authorize(Policy = Policies.ViewStock)]
public sealed class StocktakesModel(StocktakeService takes, StockService stock) : PageModel, IReloadsOnError
{
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public int LocationId { get; set; }

    public Paged<StocktakeSummaryDto> Takes { get; private set; } = null!;
    public List<SelectListItem> LocationList { get; private set; } = [];
    public bool MayManage => stock.MayManage;

    public Task OnGetAsync() => ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await takes.StartAsync(new StocktakeInput(LocationId));
        return Redirect($"/Stock/Stocktake/{id}");
    }

    public async Task ReloadAsync()
    {
        Takes = await takes.ListAsync(PageNumber);
        LocationList = [.. (await stock.LocationsAsync()).Select(l => new SelectListItem(l.Name, l.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}
