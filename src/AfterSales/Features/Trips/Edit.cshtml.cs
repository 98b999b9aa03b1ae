using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Trips;

/// <summary>A new trip on the phone (TRV-1): where, why, for which work orders, when; the home station is prefilled.</summary>
public sealed class NewModel(TripService trips, LocalTime time) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string? Destination { get; set; }
        public string? Purpose { get; set; }
        public string? HomeStation { get; set; }
        public DateTime? PlannedDepartAt { get; set; }
        public DateTime? PlannedReturnAt { get; set; }
        public List<int> WorkOrderIds { get; set; } = [];
    }

    public List<LinkedWorkOrderDto> WorkOrders { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var tomorrow = time.Today.AddDays(1);
        Input.PlannedDepartAt = tomorrow.ToDateTime(new TimeOnly(8, 0));
        Input.PlannedReturnAt = tomorrow.AddDays(1).ToDateTime(new TimeOnly(18, 0));
        Input.HomeStation = await trips.DefaultHomeStationAsync();
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var id = await trips.CreateAsync(new TripInput(Input.Destination, Input.Purpose, Input.HomeStation,
            Input.PlannedDepartAt is { } d ? time.Instant(d) : null, Input.PlannedReturnAt is { } r ? time.Instant(r) : null, Input.WorkOrderIds));
        return Redirect($"/Trips/{id}");
    }

    public async Task ReloadAsync() => WorkOrders = await trips.OpenWorkOrdersAsync();
}
