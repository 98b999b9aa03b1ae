using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Conduct;

/// <summary>制度确认 (HR-5, POL-1): the policy version in force and the conduct rules, acknowledged once per version on the phone.</summary>
public sealed class IndexModel(AcknowledgementService acknowledgements, IStringLocalizer<ConductText> text) : PageModel
{
    public AcknowledgementStatusDto Status { get; private set; } = null!;
    public string PolicyText { get; private set; } = "";
    public bool MaySeePending { get; private set; }

    public async Task OnGetAsync()
    {
        Status = await acknowledgements.StatusAsync();
        PolicyText = (await acknowledgements.InForceAsync()).Text;
        MaySeePending = Policies.Allows(Policies.ViewStaff, AccessScope.From(User).Role);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await acknowledgements.AcknowledgeAsync();
        TempData["Flash"] = text["Thanks"].Value;
        return RedirectToPage("Index");
    }
}
