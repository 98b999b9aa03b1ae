using AfterSales.Domain.People;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Leads;

/// <summary>HR-4: a technician's own leads (我的销售线索); the region's leads for its managers; all for head office.</summary>
public sealed class IndexModel(LeadService leads) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public SalesLeadState? State { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public bool OwnOnly { get; private set; }

    public Paged<SalesLeadDto> Leads { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var scope = AccessScope.From(User);
        OwnOnly = scope.Role is not (StaffRole.GeneralManager or StaffRole.SupervisionDepartment or StaffRole.Administrator
            or StaffRole.RegionalManager or StaffRole.DeputyManager);
        Leads = await Paged<SalesLeadDto>.FromAsync(leads.Query(Q, State), PageNumber);
    }
}
