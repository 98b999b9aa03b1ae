using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Stock;

/// <summary>One replaced part (INV-3): the technician ships it or reports it stolen with the police report; the warehouse receives it.</summary>
public sealed class ReturnModel(PartReturnService returns, IStringLocalizer<StockText> text) : PageModel, IReloadsOnError
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Carrier { get; set; }
    [BindProperty] public string? TrackingNumber { get; set; }
    [BindProperty] public DateOnly? ShippedOn { get; set; }
    [BindProperty] public bool Intact { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? PoliceStation { get; set; }
    [BindProperty] public string? OfficerNumber { get; set; }
    [BindProperty] public IFormFile? Report { get; set; }

    public PartReturnDto Part { get; private set; } = null!;
    public bool IsHolder { get; private set; }
    public bool IsWarehouse { get; private set; }

    public Task OnGetAsync() => ReloadAsync();

    public async Task<IActionResult> OnPostShipAsync()
    {
        await returns.ShipAsync(Id, new ShipInput(Carrier, TrackingNumber, ShippedOn), Version);
        return Done();
    }

    public async Task<IActionResult> OnPostReceiveAsync()
    {
        await returns.ReceiveAsync(Id, new ReceiveInput(Intact, Note), Version);
        return Done();
    }

    public async Task<IActionResult> OnPostSoldAsync()
    {
        await returns.ReportSoldAsync(Id, new SoldInput(Note), Version);
        return Done();
    }

    public async Task<IActionResult> OnPostStolenAsync()
    {
        byte[]? content = null;
        if (Report is not null)
        {
            using var buffer = new MemoryStream();
            await Report.CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        await returns.ReportStolenAsync(Id, new StolenInput(PoliceStation, OfficerNumber, Report?.FileName, Report?.ContentType, content), Version);
        return Done();
    }

    private RedirectToPageResult Done()
    {
        TempData["Flash"] = text["Posted"].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task ReloadAsync()
    {
        Part = await returns.GetAsync(Id);
        var scope = AccessScope.From(User);
        IsHolder = Part.TechnicianId == scope.StaffId;
        IsWarehouse = Policies.Allows(Policies.ManageStock, scope.Role) && !IsHolder;
    }
}
