using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Inventory;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Stock;

/// <summary>Warehouse staff receive, issue, transfer and write off stock; every one a ledger entry checked against stock on hand.</summary>
[Authorize(Policy = Policies.ManageStock)]
public sealed class MoveModel(StockService stock, IStringLocalizer<StockText> text) : PageModel, IReloadsOnError
{
    public static readonly MovementType[] Types = [MovementType.Receive, MovementType.Issue, MovementType.Transfer, MovementType.WriteOff];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> Items { get; private set; } = [];
    public List<SelectListItem> LocationList { get; private set; } = [];

    public sealed class InputModel
    {
        public MovementType Type { get; set; } = MovementType.Receive;
        public int ItemId { get; set; }
        public int? FromLocationId { get; set; }
        public int? ToLocationId { get; set; }
        [Range(1, StockMovement.MaxQuantity, ErrorMessage = "Required")]
        public int Quantity { get; set; } = 1;
        /// <summary>As users see it (WO000123); the digits alone are accepted too.</summary>
        public string? WorkOrderNumber { get; set; }
        [StringLength(500, ErrorMessage = "TooLong")]
        public string? Note { get; set; }
    }

    public async Task OnGetAsync(MovementType? type, int? from, int? to)
    {
        Input.Type = type ?? MovementType.Receive;
        Input.FromLocationId = from;
        Input.ToLocationId = to;
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await stock.MoveAsync(new MovementInput(Input.Type, Input.ItemId, Input.FromLocationId, Input.ToLocationId, Input.Quantity, Input.Note,
            WorkOrderId(Input.WorkOrderNumber)));
        TempData["Flash"] = text["Posted"].Value;
        return Redirect($"/Stock/Location/{Input.ToLocationId ?? Input.FromLocationId}");
    }

    private static int? WorkOrderId(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        var digits = number.Trim();
        if (digits.StartsWith("WO", StringComparison.OrdinalIgnoreCase)) digits = digits[2..];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id : throw new DomainException("WorkOrderNumberInvalid") { Field = nameof(InputModel.WorkOrderNumber) };
    }

    public async Task ReloadAsync()
    {
        Items = [.. (await stock.Items(activeOnly: true).ToListAsync())
            .Select(i => new SelectListItem($"{i.Code} {i.Name}", i.Id.ToString(CultureInfo.InvariantCulture)))];
        LocationList = [.. (await stock.LocationsAsync())
            .Select(l => new SelectListItem($"{l.Name}（{text["LocationKind." + l.Kind]}）", l.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}
