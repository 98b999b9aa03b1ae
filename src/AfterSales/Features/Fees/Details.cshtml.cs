using AfterSales.Domain.Fees;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Fees;

/// <summary>
/// A receipt: its lines and total; while a draft, more lines and the customer's signature on the phone; once signed,
/// the PDF; and voiding with a reason (FEE-1, REC-3).
/// </summary>
public sealed class DetailsModel(ReceiptService receipts) : PageModel, IReloadsOnError
{
    public ReceiptDto Receipt { get; private set; } = null!;
    public bool MayChange { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? SignedByName { get; set; }
        public string? Signature { get; set; }
        public string? VoidReason { get; set; }
        public ReceiptLineKind LineKind { get; set; } = ReceiptLineKind.Material;
        public string? Description { get; set; }
        public decimal? Quantity { get; set; }
        public decimal? UnitPrice { get; set; }
    }

    public async Task OnGetAsync(int id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostSignAsync(int id)
    {
        await receipts.SignAsync(id, new SignInput(Input.SignedByName, Input.Signature, Input.Version));
        return Redirect($"/Fees/{id}");
    }

    public async Task<IActionResult> OnPostVoidAsync(int id)
    {
        await receipts.VoidAsync(id, new VoidInput(Input.VoidReason, Input.Version));
        return Redirect($"/Fees/{id}");
    }

    public async Task<IActionResult> OnPostLineAsync(int id)
    {
        await receipts.AddLinesAsync(id, [new ReceiptLineInput(Input.LineKind, null, Input.Description, Input.Quantity ?? 1, Input.UnitPrice)]);
        return Redirect($"/Fees/{id}");
    }

    public async Task<IActionResult> OnPostRemoveLineAsync(int id, int lineId)
    {
        await receipts.RemoveLineAsync(id, lineId);
        return Redirect($"/Fees/{id}");
    }

    public Task ReloadAsync() =>
        LoadAsync(int.Parse(Convert.ToString(RouteData.Values["id"], System.Globalization.CultureInfo.InvariantCulture)!,
            System.Globalization.CultureInfo.InvariantCulture), keepInput: true);

    private async Task LoadAsync(int id, bool keepInput = false)
    {
        Receipt = await receipts.GetAsync(id);
        var scope = AccessScope.From(User);
        MayChange = FeesAccess.MayChange(scope, Receipt.TechnicianId, Receipt.RegionId);
        if (!keepInput) Input = new InputModel();
        Input.Version = Receipt.Version;
        Input.Signature = null;
    }

    public bool IsDraft => Receipt.State == ReceiptState.Draft;
}
