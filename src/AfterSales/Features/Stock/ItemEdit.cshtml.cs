using AfterSales.Domain;
using AfterSales.Domain.Inventory;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Stock;

/// <summary>A new stock item, or one item's name, kind, unit and price (its code is fixed once used).</summary>
[Authorize(Policy = Policies.ManageStock)]
public sealed class ItemEditModel(StockService stock, IStringLocalizer<UiText> text) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? Id { get; private set; }

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public StockItemKind Kind { get; set; } = StockItemKind.Part;
        public string? Unit { get; set; }
        public decimal? UnitPrice { get; set; }
        // False unless posted: an unticked checkbox sends nothing.
        public bool IsActive { get; set; }
    }

    public async Task OnGetAsync(int? id)
    {
        Id = id;
        if (id is null) return;
        var item = await stock.Items(id: id).SingleOrDefaultAsync() ?? throw new NotFoundException();
        Input = new InputModel
        {
            Version = item.Version, Code = item.Code, Name = item.Name, Kind = item.Kind, Unit = item.Unit,
            UnitPrice = item.UnitPrice, IsActive = item.IsActive,
        };
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var price = Input.UnitPrice ?? throw new DomainException("Required") { Field = nameof(Input.UnitPrice) };
        var input = new StockItemInput(Input.Code, Input.Name, Input.Kind, Input.Unit, price, Input.IsActive, Input.Version);
        if (id is { } existing) await stock.UpdateItemAsync(existing, input);
        else await stock.CreateItemAsync(input);
        TempData["Flash"] = text["Saved"].Value;
        return Redirect("/Stock/Items");
    }
}
