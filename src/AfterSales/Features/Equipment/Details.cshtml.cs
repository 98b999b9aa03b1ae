using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Equipment;

/// <summary>One unit: what it is, where, whose, its warranty, the company's other equipment nearby (WO-10) and its history.</summary>
public sealed class DetailsModel(EquipmentService equipment) : PageModel
{
    public const double NearbyRadiusKm = 10;
    public const int NearbyShown = 10;

    public EquipmentDto Unit { get; private set; } = null!;

    public bool MayEdit { get; private set; }

    public List<NearbyEquipmentDto> Nearby { get; private set; } = [];

    public async Task OnGetAsync(int id)
    {
        Unit = await equipment.GetAsync(User, id);
        MayEdit = await equipment.MayEditAsync(User, id);
        if (Unit.Latitude is { } lat && Unit.Longitude is { } lng)
            Nearby = await equipment.NearAsync(AccessScope.From(User), (double)lat, (double)lng, NearbyRadiusKm, NearbyShown, exceptId: id);
    }
}
