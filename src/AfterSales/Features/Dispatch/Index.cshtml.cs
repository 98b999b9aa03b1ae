using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Dispatch;

/// <summary>
/// The dispatch board (SCH-4) of a region and a day: jobs not yet planned, each technician's day as a timeline with
/// travel, a map, the optimizer's proposal to accept in whole or in part. Drag and drop (dispatch-board.js) and the
/// small per-job form both go through the same check, and every conflict is shown before anything is saved.
/// </summary>
[Authorize(Policy = Identity.Policies.Dispatch)]
public sealed class IndexModel(DispatchService dispatch, LocalTime local, IStringLocalizer<DispatchText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    public BoardDto Board { get; private set; } = null!;
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];
    public DateOnly Today => local.Today;

    /// <summary>A move that was checked and not saved: its conflicts, to save anyway or cancel.</summary>
    public MoveInput? PendingMove { get; private set; }
    public IReadOnlyList<ConflictDto> Conflicts { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public string DayUrl(DateOnly day) => $"/Dispatch?region={Board.RegionCode}&day={day:yyyy-MM-dd}";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task ReloadAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        var region = await dispatch.RegionAsync(User, Region);
        Board = await dispatch.BoardAsync(User, region, Day ?? local.Today);
        Region = Board.RegionCode;
        Day = Board.Day;
        Days = dispatch.Days();
    }

    private IActionResult Back() => Redirect($"/Dispatch?region={Uri.EscapeDataString(Region ?? "")}&day={Day ?? local.Today:yyyy-MM-dd}");

    public async Task<IActionResult> OnPostOptimizeAsync()
    {
        var region = await dispatch.RegionAsync(User, Region);
        await dispatch.OptimizeAsync(User, region, Day ?? local.Today);
        Message = text["ProposalReady"];
        return Back();
    }

    public async Task<IActionResult> OnPostAcceptAsync(int proposalId, int[] lineIds, bool all)
    {
        var result = await dispatch.AcceptAsync(User, new AcceptInput(proposalId, all ? null : lineIds));
        Message = text["AcceptedCount", result.Accepted];
        return Back();
    }

    public async Task<IActionResult> OnPostMoveAsync(int workOrderId, int? technicianId, int? position, bool force)
    {
        var input = new MoveInput(workOrderId, technicianId, position, force);
        var result = await dispatch.MoveAsync(User, input);
        if (!result.Saved)
        {
            PendingMove = input;
            Conflicts = result.Conflicts;
            await LoadAsync();
            return Page();
        }
        Message = text["Saved"];
        return Back();
    }

    public async Task<IActionResult> OnPostLockAsync(int workOrderId, bool locked)
    {
        await dispatch.LockAsync(User, new LockInput(workOrderId, locked));
        Message = text["Saved"];
        return Back();
    }
}
