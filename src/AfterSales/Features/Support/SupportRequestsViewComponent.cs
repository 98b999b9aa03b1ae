using AfterSales.Data;
using AfterSales.Domain.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Support;

/// <summary>
/// The help-request panel of a work order's page: its requests and, for whoever works on the job, the form to ask
/// for guidance or support. <c>@await Component.InvokeAsync("SupportRequests", new { workOrderId })</c>
/// </summary>
public sealed class SupportRequestsViewComponent(SupportRequestService support, AppDbContext db) : ViewComponent
{
    public sealed record Panel(int WorkOrderId, IReadOnlyList<SupportRequestDto> Requests, bool MayRaise, IReadOnlyList<(int Id, string Name, StaffRole Role)> Helpers);

    public async Task<IViewComponentResult> InvokeAsync(int workOrderId)
    {
        var requests = await support.ForWorkOrderAsync(workOrderId);
        var mayRaise = await support.MayRaiseAsync(workOrderId);
        var helpers = mayRaise ? await HelpersAsync(db, workOrderId, Identity.AccessScope.From(UserClaimsPrincipal).StaffId) : [];
        return View("~/Features/Support/_WorkOrderSupport.cshtml", new Panel(workOrderId, requests, mayRaise, helpers));
    }

    /// <summary>Who can be asked: technical support, or a colleague of the job's region.</summary>
    public static async Task<List<(int Id, string Name, StaffRole Role)>> HelpersAsync(AppDbContext db, int workOrderId, int me)
    {
        var regionId = await db.WorkOrders.Where(w => w.Id == workOrderId).Select(w => w.RegionId).SingleAsync();
        var staff = await db.Staff.AsNoTracking()
            .Where(s => s.IsActive && s.Id != me && (s.Role == StaffRole.TechnicalSupport || (s.Role == StaffRole.Technician && s.RegionId == regionId)))
            .OrderBy(s => s.Role == StaffRole.TechnicalSupport ? 0 : 1).ThenBy(s => s.StaffNumber)
            .Select(s => new { s.Id, s.Name, s.Role })
            .ToListAsync();
        return staff.Select(s => (s.Id, s.Name, s.Role)).ToList();
    }
}
