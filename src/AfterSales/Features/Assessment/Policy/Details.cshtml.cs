using AfterSales.Domain.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment.Policy;

/// <summary>
/// POL-1: a version of the policy. A draft is edited as text, every error listed with its field and shown again as
/// typed; it is submitted; the general manager approves it from a date, or sends it back with a reason.
/// </summary>
public sealed class DetailsModel(PolicyBook book, LocalTime local, IStringLocalizer<AssessmentText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public DateOnly EffectiveFrom { get; set; }
    [BindProperty] public string? DecisionNote { get; set; }

    public PolicyVersion Policy { get; private set; } = null!;
    public IReadOnlyList<(string Path, string Message)> Problems { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public bool MayApprove { get; private set; }

    public async Task OnGetAsync()
    {
        EffectiveFrom = local.Today.AddDays(1);
        await ReloadAsync();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        // Every error at once, and the text kept as typed: nothing the author wrote is lost.
        Problems = book.Check(Text);
        if (Problems.Count > 0)
        {
            ModelState.AddModelError(nameof(Text), text["PolicyProblems", Problems.Count]);
            await ReloadAsync();
            return Page();
        }
        await book.EditAsync(Id, Version, Text);
        TempData["Flash"] = text["PolicySaved"].Value;
        return Redirect($"/Assessment/Policy/{Id}");
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        await book.SubmitAsync(Id, Version);
        TempData["Flash"] = text["PolicySubmitted"].Value;
        return Redirect($"/Assessment/Policy/{Id}");
    }

    public async Task<IActionResult> OnPostApproveAsync()
    {
        await book.ApproveAsync(Id, Version, EffectiveFrom);
        TempData["Flash"] = text["PolicyApproved", EffectiveFrom.ToString("yyyy-MM-dd")].Value;
        return Redirect($"/Assessment/Policy/{Id}");
    }

    public async Task<IActionResult> OnPostRejectAsync()
    {
        await book.RejectAsync(Id, Version, DecisionNote);
        return Redirect($"/Assessment/Policy/{Id}");
    }

    public async Task ReloadAsync()
    {
        Policy = await book.GetAsync(Id);
        var role = AccessScope.From(User).Role;
        MayEdit = Policies.Allows(Policies.EditPolicy, role);
        MayApprove = Policies.Allows(Policies.ApprovePolicy, role);
    }
}
