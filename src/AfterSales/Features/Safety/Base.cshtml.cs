using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Safety;

/// <summary>SAF-1: one maintenance base, its agreements (the file, signed, valid until) and a new one uploaded.</summary>
[Authorize(Policy = Policies.ManageSafety)]
public sealed class BaseModel(SafetyService safety) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public Domain.Customers.Site Site { get; private set; } = null!;
    public IReadOnlyList<AgreementDto> Agreements { get; private set; } = [];

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync()
    {
        Site = await safety.SiteAsync(Id);
        Agreements = await safety.AgreementsAsync(Id);
    }

    public async Task<IActionResult> OnPostAgreementAsync(IFormFile? file, DateOnly? signedOn, DateOnly? validUntil, string? note)
    {
        await safety.AddAgreementAsync(Id, await Upload.FromAsync(file), signedOn, validUntil, note);
        return Redirect($"/Safety/Base/{Id}");
    }

    public async Task<IActionResult> OnPostBaseAsync(bool isBase)
    {
        await safety.MarkBaseAsync(Id, isBase);
        return Redirect(isBase ? $"/Safety/Base/{Id}" : "/Safety/Bases");
    }
}
