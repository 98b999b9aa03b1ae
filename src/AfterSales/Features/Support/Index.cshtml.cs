using AfterSales.Data;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Support;

/// <summary>The help requests a person may see, open ones first, filtered by state, kind and region.</summary>
public sealed class IndexModel(SupportRequestService support, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public SupportState? State { get; set; }
    [BindProperty(SupportsGet = true)] public SupportKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? RegionId { get; set; }
    // "page" is also the route value naming the Razor page, so the page number is read from the query string only.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<SupportRequestDto> Requests { get; private set; } = null!;
    public List<(int Id, string Name)> Regions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        if (scope.SeesAllRegions)
            Regions = (await db.Regions.OrderBy(r => r.Code).Select(r => new { r.Id, r.Name }).ToListAsync()).Select(r => (r.Id, r.Name)).ToList();
        Requests = await support.ListAsync(new SupportFilter(State, Kind, RegionId), PageNumber);
    }
}
