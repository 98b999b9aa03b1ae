using AfterSales.Domain.Callbacks;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Features.Callbacks;

/// <summary>One callback on the supervisor's phone: call the customer, then record what they said.</summary>
[Authorize(Policy = Policies.MakeCallbacks)]
public sealed class CallModel(CallbackService callbacks) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    [BindProperty] public CallbackInput Input { get; set; } = new(CallbackOutcome.Reached);

    public CallbackDto Callback { get; private set; } = null!;

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync() => Callback = await callbacks.GetAsync(Id);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync();
            return Page();
        }
        await callbacks.RecordAsync(Id, Input);
        return RedirectToPage("/Callbacks/Index", new { done = (bool?)null });
    }
}
