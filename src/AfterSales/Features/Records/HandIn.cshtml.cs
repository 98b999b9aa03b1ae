using AfterSales.Domain.Records;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Records;

/// <summary>
/// REC-4: the signed records waiting for the department supervisor, oldest first, with the days since signing —
/// highlighted past the policy's threshold. The supervisor and the region's managers acknowledge one or many;
/// head office reads.
/// </summary>
public sealed class HandInModel(RecordService records, RecordPolicy policy, IStringLocalizer<RecordsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<RecordSummaryDto> Records { get; private set; } = null!;
    public bool MayAcknowledge { get; private set; }
    public int AgeingDays => policy.HandInAgeingDays;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!RecordService.HandInReaders.Contains(AccessScope.From(User).Role)) return Forbid();
        MayAcknowledge = records.MayAcknowledge();
        Records = await records.ListAsync(new RecordFilter { Signed = true, Unacknowledged = All ? null : true }, PageNumber);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int[]? ids)
    {
        var count = await records.AcknowledgeAsync(new AcknowledgeInput(ids ?? []));
        TempData["Flash"] = text["AcknowledgedCount", count].Value;
        return Redirect("/Records/HandIn");
    }
}
