using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Safety;

/// <summary>SAF-2: every open permit to work the caller sees and where it stands; a technician sees their own jobs'.</summary>
public sealed class IndexModel(SafetyService safety) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<PermitSummaryDto> Permits { get; private set; } = null!;

    public async Task OnGetAsync() => Permits = await safety.ListOpenAsync(All, PageNumber);
}
