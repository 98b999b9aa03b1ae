using AfterSales.Domain.Travel;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Trips;

/// <summary>
/// Trips the caller may see: on a technician's phone their own; for the region's managers and finance also what waits
/// for their approval (<c>?awaiting=true</c>), filtered and paged.
/// </summary>
public sealed class IndexModel(TripService trips) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public TripState? State { get; set; }
    [BindProperty(SupportsGet = true)] public bool Awaiting { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<TripSummaryDto> Trips { get; private set; } = null!;
    public bool IsApprover { get; private set; }
    public bool SeesReimbursements { get; private set; }
    public bool SeesOnlyOwn { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        IsApprover = TripsAccess.IsManagerApprover(scope) || TripsAccess.IsFinance(scope);
        SeesReimbursements = TripsAccess.SeesReimbursements(scope);
        SeesOnlyOwn = !SeesReimbursements;
        Trips = await trips.ListAsync(new TripFilter { Q = Q, State = State, Awaiting = Awaiting && IsApprover }, PageNumber);
    }
}
