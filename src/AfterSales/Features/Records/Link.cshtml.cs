using Microsoft.AspNetCore.RateLimiting;
using AfterSales.Domain.Records;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Records;

/// <summary>
/// REC-2 through the SMS link, without log-in: the customer reviews and signs. An unknown, used or expired link gets a
/// clear page (410) and changes nothing; anti-forgery still guards the form.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicLinks)]
public sealed class LinkModel(RecordService records) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public SignInputModel Input { get; set; } = new();

    public RecordDto? Record { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Done = TempData["Signed"] is true;
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
        await records.SignByLinkAsync(Token, Input.ToInput());
        TempData["Signed"] = true;
        return Redirect($"/r/{Token}");
    }

    public async Task ReloadAsync() => Record = await records.ByLinkAsync(Token, RecordLinkPurpose.Sign);
}
