using AfterSales.Domain.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Assessment.Incidents;

/// <summary>Incidents a person may see: their own (technicians), their region's (managers), all (head office).</summary>
public sealed class IndexModel(IncidentService incidents) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public IncidentState? State { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<IncidentSummaryDto> Incidents { get; private set; } = null!;
    public bool MayRecord { get; private set; }

    public async Task OnGetAsync()
    {
        MayRecord = Policies.Allows(Policies.RecordIncidents, AccessScope.From(User).Role);
        Incidents = await incidents.ListAsync(new IncidentFilter { Kind = Kind, State = State, Month = Month }, PageNumber, Paged<IncidentSummaryDto>.DefaultPageSize);
    }
}
