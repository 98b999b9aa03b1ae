using Microsoft.AspNetCore.RateLimiting;
using AfterSales.Domain.Records;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Records;

/// <summary>REC-2: the satisfaction survey later, through its link or QR code, without log-in; once.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicLinks)]
public sealed class SurveyModel(RecordService records) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public SignInputModel Input { get; set; } = new();

    public RecordDto? Record { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Done = TempData["Surveyed"] is true;
        await ReloadAsync();
        if (Record is null && !Done) Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await ReloadAsync();
        if (Record is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        if (Input.Score is not { } score) throw new Domain.DomainException("SurveyScoreRange") { Field = "Score" };
        await records.SurveyByLinkAsync(Token, new SurveyInput(score, Input.Comments));
        TempData["Surveyed"] = true;
        return Redirect($"/s/{Token}");
    }

    public async Task ReloadAsync() => Record = await records.ByLinkAsync(Token, RecordLinkPurpose.Survey);
}
