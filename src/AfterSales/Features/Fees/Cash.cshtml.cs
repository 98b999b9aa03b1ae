using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Fees;

/// <summary>
/// Cash (FEE-2): per technician and day what was collected on signed cash receipts against what the supervisor
/// received, every difference flagged; the technician hands in a day's receipts, the supervisor confirms the amount.
/// </summary>
public sealed class CashModel(CashService cash, ReceiptService receipts, LocalTime time) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public int? TechnicianId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int? TechnicianId { get; set; }
        public DateOnly Day { get; set; }
        public decimal? Amount { get; set; }
        public List<int> ReceiptIds { get; set; } = [];
        public string? Note { get; set; }
        public decimal? ReceivedAmount { get; set; }
        public int Version { get; set; }
    }

    public List<CashDayDto> Days { get; private set; } = [];
    public List<HandInDto> HandIns { get; private set; } = [];
    public List<OpenCashReceiptDto> Open { get; private set; } = [];
    public List<(int Id, string Name)> Technicians { get; private set; } = [];
    public bool IsTechnician { get; private set; }
    public bool IsConfirmer { get; private set; }

    public async Task OnGetAsync()
    {
        await ReloadAsync();
        Input.Day = time.Today;
        Input.TechnicianId = TechnicianId;
    }

    public async Task<IActionResult> OnPostHandInAsync()
    {
        await cash.HandInAsync(new HandInInput(Input.TechnicianId, Input.Day, Input.Amount ?? 0, Input.ReceiptIds, Input.Note));
        return Redirect($"/Fees/Cash{Request.QueryString}");
    }

    public async Task<IActionResult> OnPostConfirmAsync(int handInId)
    {
        if (Input.ReceivedAmount is null) throw new Domain.DomainException("Required") { Field = nameof(InputModel.ReceivedAmount) };
        await cash.ConfirmAsync(handInId, new ConfirmInput(Input.ReceivedAmount.Value, Input.Version));
        return Redirect($"/Fees/Cash{Request.QueryString}");
    }

    public async Task ReloadAsync()
    {
        var scope = AccessScope.From(User);
        IsTechnician = scope.SeesOnlyOwnWork;
        IsConfirmer = FeesAccess.IsConfirmer(scope);
        var filter = new CashFilter(TechnicianId, From ?? time.Today.AddDays(-30), To);
        Days = await cash.DaysAsync(filter);
        HandIns = await cash.HandInsAsync(filter);
        Technicians = await receipts.TechniciansAsync();
        if (IsTechnician || IsConfirmer) Open = await cash.OpenReceiptsAsync(IsTechnician ? scope.StaffId : TechnicianId);
    }
}
