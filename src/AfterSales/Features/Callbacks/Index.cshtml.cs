using AfterSales.Domain.Callbacks;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Callbacks;

/// <summary>RPT-4: the callback queue — open calls first, low scores at the top.</summary>
[Authorize(Policy = Policies.MakeCallbacks)]
public sealed class IndexModel(CallbackService callbacks) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Done { get; set; } = false;
    [BindProperty(SupportsGet = true)] public CallbackReason? Reason { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Paged<CallbackDto> Callbacks { get; private set; } = null!;

    public async Task OnGetAsync() => Callbacks = await callbacks.ListAsync(new CallbackFilter { Done = Done, Reason = Reason, Q = Q }, PageNumber);
}
