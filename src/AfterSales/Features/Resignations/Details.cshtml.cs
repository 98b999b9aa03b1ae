using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Resignations;

/// <summary>
/// HR-2/HR-3: one resignation — the decision, everything the person still holds with a colleague to name for each (one
/// for all by default), the handover record and its signatures, and completing the exit.
/// </summary>
public sealed class DetailsModel(ResignationService resignations, IStringLocalizer<ResignationsText> text) : PageModel, IReloadsOnError
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ResignationDetailsDto Details { get; private set; } = null!;

    public List<ColleagueDto> Colleagues { get; private set; } = [];

    public bool MayViewStaff { get; private set; }

    public sealed class InputModel
    {
        public int Version { get; set; }
        public bool Approve { get; set; }
        public string? DecisionNote { get; set; }
        public int? ToStaffId { get; set; }
        public Dictionary<string, int?> Items { get; set; } = [];
        public string? Name { get; set; }
    }

    public Task OnGetAsync() => ReloadAsync();

    public Task<IActionResult> OnPostDecideAsync() =>
        Done(() => resignations.DecideAsync(Id, new ResignationDecision(Input.Approve, Input.DecisionNote, Input.Version)), Input.Approve ? "Approved" : "Rejected");

    public Task<IActionResult> OnPostHandOverAsync() =>
        Done(() => resignations.HandOverAsync(Id, new HandoverInput(Input.ToStaffId,
            Input.Items.Where(i => i.Value is not null).ToDictionary(i => i.Key, i => i.Value!.Value), Input.Version)), "Transferred");

    public Task<IActionResult> OnPostSignAsync() => Done(() => resignations.SignAsync(Id, new HandoverSignature(Input.Name, Input.Version)), "Signed");

    public Task<IActionResult> OnPostCompleteAsync() => Done(() => resignations.CompleteAsync(Id, Input.Version), "Completed");

    private async Task<IActionResult> Done(Func<Task> action, string flash)
    {
        await action();
        TempData["Flash"] = text[flash].Value;
        return RedirectToPage("Details", new { id = Id });
    }

    public async Task ReloadAsync()
    {
        Details = await resignations.DetailsAsync(Id);
        MayViewStaff = Policies.Allows(Policies.ViewStaff, AccessScope.From(User).Role);
        if (Details.MayHandOver) Colleagues = await resignations.ColleaguesAsync(Id);
    }
}
