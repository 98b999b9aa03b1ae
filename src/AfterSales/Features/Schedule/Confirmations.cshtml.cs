using AfterSales.Features.Shared;
using AfterSales.Features.WorkOrders;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Schedule;

/// <summary>
/// SCH-3: the day before, each installation is confirmed with the customer (someone home, site ready); until then it is
/// not released for loading. The list is of the jobs the caller sees; recording is the work order's own action.
/// </summary>
public sealed class ConfirmationsModel(ScheduleService schedule, WorkOrderService orders, IStringLocalizer<UiText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    public ConfirmationsDto List { get; private set; } = null!;

    /// <summary>The job whose form failed, so its message shows beside it.</summary>
    public int? FailedId { get; private set; }

    public async Task OnGetAsync() => await ReloadAsync();

    public async Task ReloadAsync() => List = await schedule.ConfirmationsAsync(Date);

    public async Task<IActionResult> OnPostAsync(int workOrderId, string? confirmedBy, int version)
    {
        FailedId = workOrderId;
        await orders.ConfirmDayBeforeAsync(workOrderId, new ConfirmationInput(confirmedBy ?? "", "", version));
        TempData["Flash"] = text["Saved"].Value;
        return RedirectToPage(new { date = Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
    }
}
