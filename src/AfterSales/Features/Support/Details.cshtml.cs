using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Support;

/// <summary>One help request: the question, the answer form for whoever may answer, and close / withdraw for the asker.</summary>
public sealed class DetailsModel(SupportRequestService support, LocalTime local, IStringLocalizer<SupportText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    [BindProperty] public AnswerForm Input { get; set; } = new();

    public SupportRequestDto Help { get; private set; } = null!;
    public bool MayAnswer { get; private set; }
    public bool MayClose { get; private set; }
    public bool MayCancel { get; private set; }

    public sealed class AnswerForm
    {
        public string? Answer { get; set; }
        public DateTime? SupportVisitAt { get; set; }
        public string? CancelReason { get; set; }
        public int Version { get; set; }
    }

    public Task OnGetAsync() => ReloadAsync();

    public async Task ReloadAsync()
    {
        Help = await support.GetAsync(Id);
        (MayAnswer, MayClose, MayCancel) = await support.AllowedAsync(Help);
    }

    public async Task<IActionResult> OnPostAnswerAsync()
    {
        DateTimeOffset? visit = Input.SupportVisitAt is { } t ? local.Instant(t) : null;
        await support.AnswerAsync(Id, new AnswerSupportInput(Input.Answer, visit, Input.Version));
        TempData["Flash"] = text["Answered"].Value;
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        await support.CloseAsync(Id, new SupportActionInput(Input.Version));
        TempData["Flash"] = text["Closed"].Value;
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        await support.CancelAsync(Id, new SupportActionInput(Input.Version, Input.CancelReason));
        TempData["Flash"] = text["Cancelled"].Value;
        return RedirectToPage(new { Id });
    }
}
