using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Stock;

/// <summary>
/// A job's goods and materials on the technician's phone: the goods check before loading (VIS-1), accessories used and
/// billed (FEE-1), leftovers counted back (INV-2), replaced parts to ship back (INV-3).
/// </summary>
public sealed class JobModel(JobStockService jobs, IStringLocalizer<StockText> text) : PageModel, IReloadsOnError
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty] public List<GoodsLineInput> Goods { get; set; } = [];
    [BindProperty] public List<JobLineInput> Lines { get; set; } = [];
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Position { get; set; }
    [BindProperty] public string? Resolution { get; set; }

    public JobStockDto Job { get; private set; } = null!;

    public Task OnGetAsync() => ReloadAsync();

    public async Task<IActionResult> OnPostGoodsAsync()
    {
        await jobs.RecordGoodsCheckAsync(Id, new GoodsCheckInput(Goods));
        return Done("goods");
    }

    public async Task<IActionResult> OnPostResolveAsync()
    {
        await jobs.ResolveGoodsAsync(Id, new GoodsResolveInput(Position, Resolution));
        return Done("goods");
    }

    public async Task<IActionResult> OnPostLoadAsync()
    {
        await jobs.LoadGoodsAsync(Id);
        return Done("goods");
    }

    public async Task<IActionResult> OnPostConsumeAsync()
    {
        await jobs.ConsumeAsync(Id, new ConsumeInput(Lines, Note));
        return Done("materials");
    }

    public async Task<IActionResult> OnPostCountBackAsync()
    {
        await jobs.CountBackAsync(Id, new CountBackInput(Lines));
        return Done("materials");
    }

    public async Task<IActionResult> OnPostBillAsync()
    {
        var (receipt, _) = await jobs.BillAsync(Id);
        return Redirect($"/Fees/{receipt}");
    }

    private RedirectResult Done(string anchor)
    {
        TempData["Flash"] = text["Posted"].Value;
        return Redirect($"/Stock/Job/{Id}#{anchor}");
    }

    public async Task ReloadAsync() => Job = await jobs.GetAsync(Id);
}
