using AfterSales.Domain;
using AfterSales.Domain.Travel;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Trips;

/// <summary>
/// A trip's plan on the phone (TRV-1): where, why, for which work orders, when; the home station is prefilled.
/// <c>/Trips/Edit</c> opens a new trip; <c>/Trips/Edit/5</c> changes the plan while the trip has not started.
/// </summary>
public sealed class EditModel(TripService trips, LocalTime time) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public int Version { get; set; }
        public string? Destination { get; set; }
        public string? Purpose { get; set; }
        public string? HomeStation { get; set; }
        public DateTime? PlannedDepartAt { get; set; }
        public DateTime? PlannedReturnAt { get; set; }
        public List<int> WorkOrderIds { get; set; } = [];
    }

    public int? Id { get; private set; }
    public List<LinkedWorkOrderDto> WorkOrders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existing)
        {
            var trip = await trips.GetAsync(existing);
            if (!trip.MayEdit) return Forbid();
            if (trip.State != TripState.Planned) throw new ConflictException("TripNotPlanned");
            Id = trip.Id;
            Input = new InputModel
            {
                Version = trip.Version,
                Destination = trip.Destination,
                Purpose = trip.Purpose,
                HomeStation = trip.HomeStation,
                PlannedDepartAt = time.ToLocal(trip.PlannedDepartAt).DateTime,
                PlannedReturnAt = time.ToLocal(trip.PlannedReturnAt).DateTime,
                WorkOrderIds = [.. trip.WorkOrders.Select(w => w.Id)],
            };
        }
        else
        {
            var tomorrow = time.Today.AddDays(1);
            Input.PlannedDepartAt = tomorrow.ToDateTime(new TimeOnly(8, 0));
            Input.PlannedReturnAt = tomorrow.AddDays(1).ToDateTime(new TimeOnly(18, 0));
            Input.HomeStation = await trips.DefaultHomeStationAsync();
        }
        await ReloadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        var input = new TripInput(Input.Destination, Input.Purpose, Input.HomeStation,
            Input.PlannedDepartAt is { } d ? time.Instant(d) : null, Input.PlannedReturnAt is { } r ? time.Instant(r) : null,
            Input.WorkOrderIds, Input.Version);
        if (id is { } existing)
        {
            await trips.EditAsync(existing, input);
            return Redirect($"/Trips/{existing}");
        }
        return Redirect($"/Trips/{await trips.CreateAsync(input)}");
    }

    public async Task ReloadAsync()
    {
        WorkOrders = await trips.OpenWorkOrdersAsync();
        // A work order already on the trip stays offered even when it is no longer open.
        if (Id is { } id)
            foreach (var linked in (await trips.GetAsync(id)).WorkOrders.Where(l => WorkOrders.All(w => w.Id != l.Id)))
                WorkOrders.Add(linked);
    }
}
