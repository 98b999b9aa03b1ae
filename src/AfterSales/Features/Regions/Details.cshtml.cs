using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Regions;

[Authorize(Policy = Policies.ManageRegions)]
public sealed class DetailsModel(RegionService regions) : PageModel
{
    public RegionDto Region { get; private set; } = null!;

    public async Task OnGetAsync(int id) => Region = await regions.GetAsync(id);
}
