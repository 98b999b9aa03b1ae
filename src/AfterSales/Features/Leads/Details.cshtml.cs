using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Leads;

/// <summary>HR-4: a lead, its steps for the region's managers (forward, contacted, won, lost), and the reward of a won one.</summary>
public sealed class DetailsModel(LeadService leads, IStringLocalizer<Shared.UiText> ui) : PageModel, IReloadsOnError
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [FromRoute]
    public int Id { get; set; }

    public SalesLeadDto Lead { get; private set; } = null!;
    public LeadPermissions May { get; private set; } = null!;

    public sealed class InputModel
    {
        public string Action { get; set; } = "";
        public int Version { get; set; }
        public decimal? OrderValue { get; set; }
        public string? OutcomeNote { get; set; }
        public decimal? Reward { get; set; }
    }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await leads.ProgressAsync(Id, new SalesLeadProgress(Input.Action, Input.Version, Input.OrderValue, Input.OutcomeNote, Input.Reward));
        TempData["Flash"] = ui["Saved"].Value;
        return RedirectToPage("Details", new { id = Id });
    }

    public async Task ReloadAsync()
    {
        Lead = await leads.GetAsync(Id);
        May = await leads.PermissionsAsync(Id);
        Input.Version = Lead.Version;
        ModelState.Remove("Input.Version");
    }
}
