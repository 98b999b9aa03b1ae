using AfterSales.Data;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Regions;

[Authorize(Policy = Policies.ManageRegions)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<RegionDto> Regions { get; private set; } = null!;

    public async Task OnGetAsync() => Regions = await Paged<RegionDto>.FromAsync(RegionsApi.Query(db, Q), PageNumber);
}
