using AfterSales.Domain.Assessment;
using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Assessment.Policy;

/// <summary>POL-1: the versions of the policy and the one in force; a new draft starts from the version in force.</summary>
public sealed class IndexModel(PolicyBook book) : PageModel
{
    public IReadOnlyList<PolicyVersion> Versions { get; private set; } = [];
    public PolicyInForce InForce { get; private set; } = null!;
    public bool MayEdit { get; private set; }

    public async Task OnGetAsync()
    {
        Versions = await book.ListAsync();
        InForce = await book.InForceAsync();
        MayEdit = Policies.Allows(Policies.EditPolicy, AccessScope.From(User).Role);
    }

    public async Task<IActionResult> OnPostAsync() => Redirect($"/Assessment/Policy/{await book.DraftAsync(null)}");
}
