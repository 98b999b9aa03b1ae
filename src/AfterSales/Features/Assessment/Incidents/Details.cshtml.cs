using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Assessment.Incidents;

/// <summary>An incident: its facts, what it costs under the policy, its evidence, and the appeal (ASM-15) — made on the phone, decided by the supervision department.</summary>
public sealed class DetailsModel(IncidentService incidents, IStringLocalizer<AssessmentText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public IFormFile? Evidence { get; set; }

    public IncidentDto Incident { get; private set; } = null!;
    public bool MayAddEvidence { get; private set; }

    public sealed class InputModel
    {
        public string? AppealReason { get; set; }
        public string? AppealDecisionNote { get; set; }
        public string? Evidence { get; set; }
    }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task<IActionResult> OnPostAppealAsync()
    {
        await incidents.AppealAsync(Id, new AppealInput(Input.AppealReason));
        TempData["Flash"] = text["AppealSent"].Value;
        return Redirect($"/Assessment/Incidents/{Id}");
    }

    public async Task<IActionResult> OnPostDecideAsync([FromForm] bool upheld)
    {
        await incidents.DecideAppealAsync(Id, new AppealDecisionInput(upheld, Input.AppealDecisionNote));
        TempData["Flash"] = text[upheld ? "AppealUpheldFlash" : "AppealDismissedFlash"].Value;
        return Redirect($"/Assessment/Incidents/{Id}");
    }

    public async Task<IActionResult> OnPostEvidenceAsync()
    {
        if (Evidence is null || Evidence.Length == 0) throw new Domain.DomainException("Required") { Field = "Evidence" };
        using var buffer = new MemoryStream();
        await Evidence.CopyToAsync(buffer);
        await incidents.AddEvidenceAsync(Id, Evidence.FileName, Evidence.ContentType, buffer.ToArray());
        return Redirect($"/Assessment/Incidents/{Id}");
    }

    public async Task ReloadAsync()
    {
        Incident = await incidents.GetAsync(Id);
        var scope = AccessScope.From(User);
        MayAddEvidence = Incident.PersonId == scope.StaffId || Policies.Allows(Policies.RecordIncidents, scope.Role);
    }
}
