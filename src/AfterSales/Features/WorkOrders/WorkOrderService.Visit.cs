using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.WorkOrders;

/// <summary>
/// The visit on the technician's phone (SCH-2, VIS-1…VIS-6, REC-5, SAF-1/SAF-2 through the safety gate) and the changes of hands around it (WO-4, WO-6).
/// Additive phone actions do not insist on a version: submits queued offline must not refuse each other.
/// </summary>
public sealed partial class WorkOrderService
{
    public Task CallAheadAsync(int id, CallAheadInput input) =>
        ChangeAsync(id, input.Version, order => Do(() => order.CallAhead(clock.GetUtcNow(), Scope.StaffId, input.Outcome, input.Notes)));

    public Task NotifyGoodsOnTheWayAsync(int id, VersionInput input) => ChangeAsync(id, input.Version, async order =>
    {
        order.NotifyGoodsOnTheWay(clock.GetUtcNow());
        await messages.GoodsOnTheWayAsync(order);
    });

    public Task CheckInAsync(int id, PositionInput input) => ChangeAsync(id, input.Version, async order =>
    {
        var site = await db.Sites.Where(s => s.Id == order.SiteId).Select(s => new { s.Latitude, s.Longitude }).SingleAsync();
        (double, double)? siteAt = site.Latitude is { } lat && site.Longitude is { } lng ? ((double)lat, (double)lng) : null;
        await safety.BeforeCheckInAsync(order);
        order.CheckIn(clock.GetUtcNow(), input.ToPosition(), siteAt);
    });

    public Task RecordPresentAsync(int id, PresentInput input) =>
        ChangeAsync(id, input.Version, order => Do(() => order.RecordPresent(input.Present, input.Others)));

    public Task AddMeasurementAsync(int id, MeasurementInput input) => ChangeAsync(id, input.Version, async order =>
    {
        await safety.RequireWorkStartedAsync(order);
        if (input.Value is not { } value) throw new DomainException("MeasurementMustBePositive") { Field = "Value" };
        order.AddMeasurement(input.Name ?? "", value, input.Unit, input.ItemId, input.Note, clock.GetUtcNow(), Scope.StaffId);
    });

    public Task RemoveMeasurementAsync(int id, int measurementId) =>
        ChangeAsync(id, null, order => Do(() => order.RemoveMeasurement(measurementId)));

    public Task RecordTestAsync(int id, CommissioningInput input) => ChangeAsync(id, input.Version, async order =>
    {
        await safety.RequireWorkStartedAsync(order);
        order.RecordCommissioningTest(input.ItemId, input.LeakTestPassed, input.ConnectionTestPassed, input.Notes, clock.GetUtcNow(), Scope.StaffId);
    });

    /// <summary>Completes the job; a drawn share of completed jobs goes to the supervisors' callback queue (RPT-4).</summary>
    public Task CompleteAsync(int id, VersionInput input) => ChangeAsync(id, input.Version, async order =>
    {
        await safety.RequireWorkStartedAsync(order);
        order.Complete(clock.GetUtcNow());
        await callbacks.ConsiderCompletedAsync(order);
    });

    public Task SendContactDetailsAsync(int id, VersionInput input) => ChangeAsync(id, input.Version, async order =>
    {
        order.SendContactDetails(clock.GetUtcNow());
        await messages.ContactDetailsAsync(order);
    });

    public Task CheckOutAsync(int id, PositionInput input) => ChangeAsync(id, input.Version, async order =>
    {
        await safety.BeforeCheckOutAsync(order);
        order.CheckOut(clock.GetUtcNow(), input.ToPosition());
    });

    public Task LeaveUnfinishedAsync(int id, LeaveInput input) => ChangeAsync(id, input.Version, async order =>
    {
        await safety.BeforeLeavingUnfinishedAsync(order);
        order.LeaveUnfinished(clock.GetUtcNow(), input.Position?.ToPosition(), input.Reason ?? "");
    });

    /// <summary>VIS-3: a photo, already made smaller by the phone; the size and type limits hold on the server too.</summary>
    public async Task<int> AddPhotoAsync(int id, byte[] content, string contentType, string? caption)
    {
        var order = await LoadAsync(id, Operations.Edit);
        var photo = new VisitPhoto(order, content, contentType, caption, clock.GetUtcNow(), Scope.StaffId);
        db.VisitPhotos.Add(photo);
        await db.SaveChangesAsync();
        return photo.Id;
    }

    public async Task<(byte[] Content, string ContentType)> GetPhotoAsync(int id, int photoId)
    {
        await LoadAsync(id, Operations.Read);
        var photo = await db.VisitPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.WorkOrderId == id) ?? throw new NotFoundException();
        return (photo.Content, photo.ContentType);
    }

    /// <summary>WO-4: a technician or technical specialist joins; they are told where and when.</summary>
    public Task AddHelperAsync(int id, HelperInput input) => ChangeAsync(id, input.Version, async order =>
    {
        if (!await db.Staff.AnyAsync(s => s.Id == input.StaffId && s.IsActive
                && (s.Role == StaffRole.Technician || s.Role == StaffRole.TechnicalSupport)))
            throw new DomainException("NotAHelperCandidate") { Field = "StaffId" };
        order.AddHelper(input.StaffId, clock.GetUtcNow());
        await messages.HelperAddedAsync(order, input.StaffId);
    });

    public Task RemoveHelperAsync(int id, int staffId) => ChangeAsync(id, null, order => Do(() => order.RemoveHelper(staffId)));

    /// <summary>WO-4: anyone working the job may ask; the region's managers are asked to approve.</summary>
    public Task RequestTechnicianChangeAsync(int id, TechnicianChangeInput input) => ChangeAsync(id, input.Version, async order =>
    {
        await CheckTechnicianAsync(input.ToTechnicianId, order.RegionId);
        var request = order.RequestTechnicianChange(input.ToTechnicianId, input.Reason ?? "", input.ForCustomer, Scope.StaffId, clock.GetUtcNow());
        await messages.TechnicianChangeRequestedAsync(order, request);
    });

    /// <summary>
    /// WO-4: a manager of the region decides. Approved for the customer, the customer's later jobs go to the new
    /// technician too.
    /// </summary>
    public async Task DecideTechnicianChangeAsync(int id, int requestId, DecisionInput input)
    {
        await ChangeAsync(id, input.Version, async order =>
        {
            // Asked only once the job is known to be visible: an invisible job stays a 404 for everyone.
            if (!Policies.Allows(Policies.ApproveTechnicianChange, Scope.Role)) throw new ForbiddenException("OnlyManagersApprove");
            var request = order.DecideTechnicianChange(requestId, input.Approve, Scope.StaffId, clock.GetUtcNow(), input.Note);
            if (request.State == ChangeRequestState.Approved && request.ForCustomer)
            {
                var customer = await db.Customers.SingleAsync(c => c.Id == order.CustomerId);
                if (customer.TechnicianId is null || customer.TechnicianId == request.FromTechnicianId) customer.AssignTechnician(request.ToTechnicianId);
            }
            await messages.TechnicianChangeDecidedAsync(order, request);
        });
    }

    /// <summary>WO-6: the product does not fit; the stores of the region are told.</summary>
    public Task ReportFitProblemAsync(int id, FitProblemInput input) => ChangeAsync(id, input.Version, async order =>
    {
        var fit = order.ReportFitProblem(input.ItemId, input.Problem ?? "", input.Alternative ?? "", Scope.StaffId, clock.GetUtcNow());
        await messages.FitProblemAsync(order, fit);
    });
}
