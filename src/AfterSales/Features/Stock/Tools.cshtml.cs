using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain.Inventory;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Stock;

/// <summary>INV-1: who holds which tools; warehouse staff issue them and take them back with their condition.</summary>
[Authorize(Policy = Policies.ViewStock)]
public sealed class ToolsModel(StockService stock, AppDbContext db, IStringLocalizer<StockText> text) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<ToolHoldingDto> Holdings { get; private set; } = [];
    public List<SelectListItem> ToolList { get; private set; } = [];
    public List<SelectListItem> Technicians { get; private set; } = [];
    public bool MayManage => stock.MayManage;

    public sealed class InputModel
    {
        public int ItemId { get; set; }
        public int TechnicianId { get; set; }
        public int Quantity { get; set; } = 1;
        public ToolCondition Condition { get; set; }
        public decimal? Charge { get; set; }
        public string? Note { get; set; }
    }

    public Task OnGetAsync() => ReloadAsync();

    public async Task<IActionResult> OnPostIssueAsync()
    {
        await stock.IssueToolAsync(new ToolIssueInput(Input.ItemId, Input.TechnicianId, null, Input.Quantity, Input.Note));
        TempData["Flash"] = text["Posted"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReturnAsync()
    {
        await stock.ReturnToolAsync(new ToolReturnInput(Input.ItemId, Input.TechnicianId, null, Input.Condition, 1, Input.Charge, Input.Note));
        TempData["Flash"] = text["Posted"].Value;
        return RedirectToPage();
    }

    public async Task ReloadAsync()
    {
        Holdings = await stock.ToolHoldingsAsync();
        ToolList = [.. (await stock.Items(kind: StockItemKind.Tool, activeOnly: true).ToListAsync())
            .Select(i => new SelectListItem($"{i.Code} {i.Name}", i.Id.ToString(CultureInfo.InvariantCulture)))];
        var scope = stock.Scope;
        Technicians = [.. (await db.Staff.AsNoTracking().Where(s => s.Role == StaffRole.Technician && s.IsActive
                && (scope.SeesAllRegions || s.RegionId == scope.RegionId)).OrderBy(s => s.Name).ToListAsync())
            .Select(s => new SelectListItem(s.Name, s.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}
