using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Trips;

/// <summary>The month's reimbursement list per person and region (tickets + per diem + approved expenses), with the Excel download.</summary>
public sealed class ReimbursementsModel(TripService trips, LocalTime time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public ReimbursementList List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!TripsAccess.SeesReimbursements(AccessScope.From(User))) return Forbid();
        Month ??= time.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        List = await trips.ReimbursementsAsync(Month);
        return Page();
    }
}
