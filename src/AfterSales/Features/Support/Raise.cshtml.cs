using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Support;

/// <summary>
/// Asking for help on a job. The form usually sits in the work order's page; this page shows it alone, and shows
/// it again with the message when a rule refuses the request.
/// </summary>
public sealed class RaiseModel(SupportRequestService support, AppDbContext db, IStringLocalizer<SupportText> text) : PageModel, IReloadsOnError
{
    [BindProperty(SupportsGet = true)] public int WorkOrderId { get; set; }

    [BindProperty] public RaiseForm Input { get; set; } = new();

    public string Number => $"WO{WorkOrderId:000000}";
    public List<(int Id, string Name, StaffRole Role)> Helpers { get; private set; } = [];

    public sealed class RaiseForm
    {
        public SupportKind Kind { get; set; }
        public string? Question { get; set; }
        public int? AssignedToId { get; set; }
    }

    public Task OnGetAsync() => ReloadAsync();

    public async Task ReloadAsync()
    {
        // Reading the job's requests checks that the person may see it (404 otherwise).
        await support.ForWorkOrderAsync(WorkOrderId);
        Helpers = await SupportRequestsViewComponent.HelpersAsync(db, WorkOrderId, AccessScope.From(User).StaffId);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await support.RaiseAsync(WorkOrderId, new RaiseSupportInput(Input.Kind, Input.Question, Input.AssignedToId));
        TempData["Flash"] = text["Raised"].Value;
        return Redirect($"/WorkOrders/Details/{WorkOrderId}");
    }
}
