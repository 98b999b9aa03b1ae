using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Safety;

/// <summary>SAF-2: the permit templates — the default one for train work, and those other trades define.</summary>
[Authorize(Policy = Policies.ManageSafety)]
public sealed class TemplatesModel(SafetyService safety) : PageModel
{
    public IReadOnlyList<TemplateDto> Templates { get; private set; } = [];

    public async Task OnGetAsync() => Templates = await safety.TemplatesAsync();
}
