using System.Globalization;
using AfterSales.Domain.Messaging;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Outbox;

/// <summary>/Admin/Outbox: what the system sent or owes, with "send again" for failures and "send due now".</summary>
[Authorize(Policy = Policies.ViewOutbox)]
public sealed class IndexModel(OutboxService outbox, OutboxDispatcher dispatcher, IStringLocalizer<OutboxText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public OutboxState? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    // "page" is also the route value naming the Razor page, so the page number is read from the query string only.
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<OutboxMessageDto> Messages { get; private set; } = null!;
    public List<string> Topics { get; private set; } = [];

    public Task ReloadAsync() => OnGetAsync();

    public async Task OnGetAsync()
    {
        Topics = await outbox.TopicsAsync();
        Messages = await outbox.ListAsync(new OutboxFilter { Q = Q, State = State, Topic = Topic, From = From, To = To }, PageNumber);
    }

    public async Task<IActionResult> OnPostRetryAsync(int id)
    {
        await outbox.RetryAsync(id);
        TempData["Flash"] = text["Requeued"].Value;
        return BackToList();
    }

    public async Task<IActionResult> OnPostSendDueAsync(CancellationToken cancellationToken)
    {
        var sent = await dispatcher.SendDueAsync(cancellationToken);
        TempData["Flash"] = text["SentCount", sent].Value;
        return BackToList();
    }

    /// <summary>Back to the list as the user filtered it ("page" cannot be a route value: Razor Pages uses it for the page name).</summary>
    private LocalRedirectResult BackToList()
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrWhiteSpace(Q)) query.Add("q", Q);
        if (State is { } state) query.Add("state", state.ToString());
        if (!string.IsNullOrWhiteSpace(Topic)) query.Add("topic", Topic);
        if (From is { } from) query.Add("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } to) query.Add("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (PageNumber > 1) query.Add("page", PageNumber.ToString(CultureInfo.InvariantCulture));
        return LocalRedirect("/Admin/Outbox" + query.ToQueryString());
    }

}
