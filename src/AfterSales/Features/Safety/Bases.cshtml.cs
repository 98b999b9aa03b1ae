using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Safety;

/// <summary>SAF-1: the customers' maintenance bases with the agreement in force; a site found by search is marked a base.</summary>
[Authorize(Policy = Policies.ManageSafety)]
public sealed class BasesModel(SafetyService safety) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<BaseDto> Bases { get; private set; } = [];
    public IReadOnlyList<BaseDto> Candidates { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        Bases = await safety.BasesAsync();
        Candidates = await safety.CandidatesAsync(Q);
    }

    public async Task<IActionResult> OnPostMarkAsync(int siteId)
    {
        await safety.MarkBaseAsync(siteId, true);
        return Redirect($"/Safety/Base/{siteId}");
    }
}
