using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Conduct;

/// <summary>HR-5, POL-1: who has not yet acknowledged the version in force — the region's people for its managers, everyone for head office.</summary>
[Authorize(Policy = Policies.ViewStaff)]
public sealed class PendingModel(AcknowledgementService acknowledgements) : PageModel
{
    public PendingAcknowledgementsDto Pending { get; private set; } = null!;

    public async Task OnGetAsync() => Pending = await acknowledgements.PendingAsync();
}
