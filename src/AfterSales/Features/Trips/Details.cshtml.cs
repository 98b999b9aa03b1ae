using System.Globalization;
using AfterSales.Domain;
using AfterSales.Domain.Travel;
using AfterSales.Features.Visits;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Trips;

/// <summary>
/// One trip: the plan, departure and closing (TRV-1, TRV-3), the per diem day by day with reasons (TRV-2), the daily
/// reports while away, tickets with their photos from the phone's camera, special expenses with receipts (TRV-4), and
/// the claim's approvals by the manager, then finance; a false claim marked by a checker becomes an incident (ASM-7).
/// </summary>
public sealed class DetailsModel(TripService trips, LocalTime time) : PageModel, IReloadsOnError
{
    public TripDto Trip { get; private set; } = null!;
    public string WorkEnds { get; private set; } = "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public DateTime? DepartedAt { get; set; }
        public DateTime? ReturnedAt { get; set; }
        public ReturnContact? ReturnContact { get; set; }
        public DateTime? ReturnContactAt { get; set; }
        public TicketKind Kind { get; set; } = TicketKind.Printed;
        public decimal? Amount { get; set; }
        public DateOnly? TravelOn { get; set; }
        public string? BoardingPlace { get; set; }
        public string? ArrivalPlace { get; set; }
        public string? Description { get; set; }
        public decimal? ExpenseAmount { get; set; }
        public DateOnly? SpentOn { get; set; }
        public string? RejectReason { get; set; }
        public decimal? FalseAmount { get; set; }
        public string? FalseNote { get; set; }
        /// <summary>Only where the errors of the ticket photo and the expense receipt are shown; the files come as their own parameters.</summary>
        public string? Photo { get; set; }
        public string? Receipt { get; set; }
    }

    public async Task OnGetAsync(int id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostDepartAsync(int id)
    {
        await trips.DepartAsync(id, new DepartInput(Input.DepartedAt is { } d ? time.Instant(d) : null, Input.Version));
        return Back(id);
    }

    public async Task<IActionResult> OnPostCloseAsync(int id)
    {
        await trips.CloseAsync(id, new CloseInput(Local(Input.DepartedAt), Local(Input.ReturnedAt), Input.ReturnContact, Local(Input.ReturnContactAt), Input.Version));
        return Back(id);
    }

    public async Task<IActionResult> OnPostTicketAsync(int id, IFormFile? photo, string? photoData)
    {
        var (content, type) = await PhotoAsync(photo, photoData);
        await trips.AddTicketAsync(id, new TicketInput(Input.Kind, Input.Amount, Input.TravelOn, Input.BoardingPlace, Input.ArrivalPlace, content, type));
        return Back(id, "tickets");
    }

    public async Task<IActionResult> OnPostRemoveTicketAsync(int id, int ticketId)
    {
        await trips.RemoveTicketAsync(id, ticketId);
        return Back(id, "tickets");
    }

    public async Task<IActionResult> OnPostExpenseAsync(int id, IFormFile? receipt, string? photoData)
    {
        var (content, type) = await PhotoAsync(receipt, photoData);
        try
        {
            await trips.AddExpenseAsync(id, new ExpenseInput(Input.Description, Input.ExpenseAmount, Input.SpentOn, content, type));
        }
        catch (DomainException e) when (e.Field == nameof(TripExpense.Amount))
        {
            // The expense form's amount field has its own name, beside the ticket form's.
            throw new DomainException(e.Code, e.Arguments) { Field = nameof(InputModel.ExpenseAmount) };
        }
        return Back(id, "expenses");
    }

    public async Task<IActionResult> OnPostRemoveExpenseAsync(int id, int expenseId)
    {
        await trips.RemoveExpenseAsync(id, expenseId);
        return Back(id, "expenses");
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id)
    {
        await trips.SubmitAsync(id, new VersionInput(Input.Version));
        return Back(id);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id)
    {
        await trips.ApproveAsync(id, new VersionInput(Input.Version));
        return Back(id);
    }

    public async Task<IActionResult> OnPostRejectAsync(int id)
    {
        await trips.RejectAsync(id, new RejectInput(Input.RejectReason, Input.Version));
        return Back(id);
    }

    public async Task<IActionResult> OnPostFalseAsync(int id, int expenseId)
    {
        await trips.MarkFalseAsync(id, expenseId, new FalseClaimInput(Input.FalseAmount, Input.FalseNote));
        return Back(id, "expenses");
    }

    public Task ReloadAsync() =>
        LoadAsync(int.Parse(Convert.ToString(RouteData.Values["id"], CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture), keepInput: true);

    private async Task LoadAsync(int id, bool keepInput = false)
    {
        Trip = await trips.GetAsync(id);
        WorkEnds = (await trips.TravelPolicyAtAsync(Trip.DepartedAt ?? Trip.PlannedDepartAt)).WorkEnds;
        if (!keepInput) Input = new InputModel();
        // Shown again after a refusal, the other forms of the page keep their defaults instead of coming back blank.
        Input.DepartedAt ??= time.ToLocal(Trip.DepartedAt ?? Trip.PlannedDepartAt).DateTime;
        Input.ReturnedAt ??= time.ToLocal(Trip.PlannedReturnAt).DateTime;
        Input.ReturnContactAt ??= time.ToLocal(Trip.PlannedReturnAt).DateTime;
        Input.TravelOn ??= time.Today;
        Input.SpentOn ??= time.Today;
        Input.Version = Trip.Version;
    }

    private DateTimeOffset? Local(DateTime? wall) => wall is { } w ? time.Instant(w) : null;

    private RedirectResult Back(int id, string? anchor = null) => Redirect(anchor is null ? $"/Trips/{id}" : $"/Trips/{id}#{anchor}");

    /// <summary>A photo comes as a file (no script) or made smaller on the phone as a data URL (visit.js).</summary>
    private static async Task<(byte[]? Content, string? Type)> PhotoAsync(IFormFile? file, string? dataUrl)
    {
        if (string.IsNullOrEmpty(dataUrl)) return await TripsApi.ReadAsync(file);
        var (content, type) = DataUrl.Decode(dataUrl);
        return (content, type);
    }
}
