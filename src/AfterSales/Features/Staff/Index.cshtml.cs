using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.People;

[Authorize(Policy = Policies.ViewStaff)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public StaffRole? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? RegionId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Active { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<StaffDto> Staff { get; private set; } = null!;

    public List<SelectListItem> Regions { get; private set; } = [];

    public bool CanManage { get; private set; }

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        CanManage = Policies.Allows(Policies.ManageStaff, scope.Role);
        // A manager's list holds only their region, so only that region is offered as a filter.
        var regions = db.Regions.AsNoTracking();
        if (!scope.SeesAllRegions) regions = regions.Where(r => r.Id == scope.RegionId);
        Regions = (await regions.OrderBy(r => r.Code).Select(r => new { r.Id, r.Name }).ToListAsync())
            .Select(r => new SelectListItem(r.Name, r.Id.ToString(CultureInfo.InvariantCulture), r.Id == RegionId)).ToList();
        Staff = await Paged<StaffDto>.FromAsync(StaffApi.Query(db, scope, new StaffFilter(Q, Role, RegionId, Active)), PageNumber);
    }
}
