using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Stock;

/// <summary>Counting a location and approving the differences (count-adjustment movements).</summary>
[Authorize(Policy = Policies.ViewStock)]
public sealed class StocktakeModel(StocktakeService takes, StockService stock, IStringLocalizer<StockText> text) : PageModel, IReloadsOnError
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty] public List<LineInput> Lines { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public StocktakeDto Take { get; private set; } = null!;
    public bool MayManage => stock.MayManage;

    public Task OnGetAsync() => ReloadAsync();

    public async Task<IActionResult> OnPostCountAsync()
    {
        // A line left empty was not counted (yet): it is not a count of zero.
        await takes.CountAsync(Id, new CountInput([.. Lines.Where(l => l.Counted is not null).Select(l => new CountLineInput(l.ItemId, l.Counted!.Value))]));
        TempData["Flash"] = text["Posted"].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostApproveAsync()
    {
        await takes.ApproveAsync(Id, Version);
        TempData["Flash"] = text["Posted"].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync() => Take = await takes.GetAsync(Id);

    public sealed class LineInput
    {
        public int ItemId { get; set; }
        public int? Counted { get; set; }
    }
}
