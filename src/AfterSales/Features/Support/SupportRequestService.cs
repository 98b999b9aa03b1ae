using System.Globalization;
using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Messaging;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Support;

/// <summary>
/// Technical-guidance and technical-support requests (WO-9), shared by the pages and the API. Who may see a
/// request follows its work order (a 404 otherwise), plus whoever was asked; raising one needs the right to work
/// on the job (a 403 otherwise). Every step that someone must hear about writes an outbox message with it.
/// </summary>
public sealed class SupportRequestService(AppDbContext db, IAuthorizationService authorization, IHttpContextAccessor http,
    TimeProvider clock, LocalTime local, IStringLocalizer<SupportText> text)
{
    public const string TopicRaised = "SupportRequested";
    public const string TopicAnswered = "SupportAnswered";

    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);

    /// <summary>Managers may close or withdraw anyone's request in their scope, and answer in their region.</summary>
    public static bool IsManager(StaffRole role) =>
        role is StaffRole.RegionalManager or StaffRole.DeputyManager or StaffRole.Supervisor or StaffRole.GeneralManager or StaffRole.Administrator;

    /// <summary>The requests a person may see: head office and technical support all, a manager their region, a technician their own.</summary>
    public IQueryable<SupportRequest> Visible(AccessScope scope)
    {
        if (scope.SeesAllRegions) return db.SupportRequests;
        var me = scope.StaffId;
        var orders = db.WorkOrders(scope);
        return db.SupportRequests.Where(r => r.RaisedById == me || r.AssignedToId == me || orders.Any(w => w.Id == r.WorkOrderId));
    }

    public Task<Paged<SupportRequestDto>> ListAsync(SupportFilter filter, int page, int pageSize = Paged<SupportRequestDto>.DefaultPageSize)
    {
        var requests = Visible(Scope).AsNoTracking();
        if (filter.State is { } state) requests = requests.Where(r => r.State == state);
        if (filter.Kind is { } kind) requests = requests.Where(r => r.Kind == kind);
        if (filter.RegionId is { } region) requests = requests.Where(r => db.WorkOrders.Any(w => w.Id == r.WorkOrderId && w.RegionId == region));
        if (filter.WorkOrderId is { } workOrder) requests = requests.Where(r => r.WorkOrderId == workOrder);
        // Open ones first (they wait for someone), then answered ones waiting to be closed, newest first within each.
        var ordered = requests
            .OrderBy(r => r.State == SupportState.Open ? 0 : r.State == SupportState.Answered ? 1 : 2)
            .ThenByDescending(r => r.RaisedAt).ThenByDescending(r => r.Id);
        return Paged<SupportRequestDto>.FromAsync(Project(ordered), page, pageSize);
    }

    public async Task<SupportRequestDto> GetAsync(int id)
    {
        await LoadAsync(id);
        return await Project(db.SupportRequests.AsNoTracking().Where(r => r.Id == id)).SingleAsync();
    }

    /// <summary>A work order's requests, for its page and GET /api/work-orders/{id}/support-requests.</summary>
    public async Task<List<SupportRequestDto>> ForWorkOrderAsync(int workOrderId)
    {
        await WorkOrderAsync(workOrderId, write: false);
        return await Project(db.SupportRequests.AsNoTracking().Where(r => r.WorkOrderId == workOrderId)
            .OrderByDescending(r => r.RaisedAt).ThenByDescending(r => r.Id)).ToListAsync();
    }

    /// <summary>May the signed-in person raise a request on this job (work on it)?</summary>
    public async Task<bool> MayRaiseAsync(int workOrderId)
    {
        var order = await db.WorkOrders.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workOrderId);
        return order is not null && order.IsOpen && (await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded;
    }

    public async Task<int> RaiseAsync(int workOrderId, RaiseSupportInput input)
    {
        var scope = Scope;
        var order = await WorkOrderAsync(workOrderId, write: true);
        if (!order.IsOpen) throw new ConflictException("SupportNeedsOpenWorkOrder");
        Staff? helper = null;
        if (input.AssignedToId is { } helperId)
        {
            helper = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == helperId && s.IsActive
                && (s.Role == StaffRole.TechnicalSupport || (s.Role == StaffRole.Technician && s.RegionId == order.RegionId)))
                ?? throw new DomainException("SupportHelperInvalid") { Field = nameof(RaiseSupportInput.AssignedToId) };
        }
        var request = new SupportRequest(order.Id, input.Kind, input.Question ?? "", scope.StaffId, clock.GetUtcNow(), helper?.Id);
        db.SupportRequests.Add(request);

        var raiser = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == scope.StaffId);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == order.CustomerId).Select(c => c.Name).SingleAsync();
        var recipients = helper is not null
            ? new List<Staff> { helper }
            : await db.Staff.AsNoTracking().Where(s => s.IsActive && s.Role == StaffRole.TechnicalSupport).OrderBy(s => s.Id).ToListAsync();
        if (request.Kind == SupportKind.Support)
        {
            var managerId = await db.Regions.Where(r => r.Id == order.RegionId).Select(r => r.ManagerId).SingleAsync();
            if (managerId is not null && recipients.All(s => s.Id != managerId))
                recipients.Add(await db.Staff.AsNoTracking().SingleAsync(s => s.Id == managerId));
        }
        var body = Chinese(() => text["Sms.Raised", text["Kind." + request.Kind].Value, order.Number, customer, raiser.Name, raiser.Phone, request.Question]);
        foreach (var recipient in recipients)
            db.Outbox.Add(new OutboxMessage(RecipientKind.Staff, recipient.Name, recipient.Phone, TopicRaised, OutboxMessage.Fit(body), request.RaisedAt,
                nameof(WorkOrder), order.Id));
        await db.SaveChangesAsync();
        return request.Id;
    }

    public async Task AnswerAsync(int id, AnswerSupportInput input)
    {
        var scope = Scope;
        var request = await LoadAsync(id);
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == request.WorkOrderId);
        var mayAnswer = scope.Role == StaffRole.TechnicalSupport || request.AssignedToId == scope.StaffId
            || (IsManager(scope.Role) && scope.SeesRegion(order.RegionId));
        if (!mayAnswer) throw new ForbiddenException("SupportMayNotAnswer");
        db.ExpectVersion(request, input.Version);
        request.Respond(input.Answer ?? "", scope.StaffId, clock.GetUtcNow(), input.SupportVisitAt);

        var answerer = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == scope.StaffId);
        var raiser = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == request.RaisedById);
        var body = request.SupportVisitAt is { } visit
            ? Chinese(() => text["Sms.AnsweredWithVisit", order.Number, answerer.Name, answerer.Phone,
                local.ToLocal(visit).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), request.Answer!])
            : Chinese(() => text["Sms.Answered", order.Number, answerer.Name, answerer.Phone, request.Answer!]);
        db.Outbox.Add(new OutboxMessage(RecipientKind.Staff, raiser.Name, raiser.Phone, TopicAnswered, OutboxMessage.Fit(body), request.AnsweredAt!.Value,
            nameof(WorkOrder), order.Id));
        await db.SaveChangesAsync();
    }

    public async Task CloseAsync(int id, SupportActionInput input)
    {
        var scope = Scope;
        var request = await LoadAsync(id);
        db.ExpectVersion(request, input.Version);
        request.Close(scope.StaffId, IsManager(scope.Role) && await MayWorkOnAsync(request.WorkOrderId), clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    public async Task CancelAsync(int id, SupportActionInput input)
    {
        var scope = Scope;
        var request = await LoadAsync(id);
        db.ExpectVersion(request, input.Version);
        request.Cancel(scope.StaffId, IsManager(scope.Role) && await MayWorkOnAsync(request.WorkOrderId), clock.GetUtcNow(), input.Reason);
        await db.SaveChangesAsync();
    }

    /// <summary>What the details page may offer the signed-in person.</summary>
    public async Task<(bool Answer, bool Close, bool Cancel)> AllowedAsync(SupportRequestDto request)
    {
        var scope = Scope;
        var manager = IsManager(scope.Role) && await MayWorkOnAsync(request.WorkOrderId);
        var mayAnswer = scope.Role == StaffRole.TechnicalSupport || request.AssignedToId == scope.StaffId
            || (IsManager(scope.Role) && scope.SeesRegion(request.RegionId));
        var owner = request.RaisedById == scope.StaffId || manager;
        return (mayAnswer && request.State == SupportState.Open, owner && request.State == SupportState.Answered,
            owner && request.State == SupportState.Open);
    }

    /// <summary>A request the caller may not see is reported as missing, never shown.</summary>
    private async Task<SupportRequest> LoadAsync(int id)
    {
        var request = await db.SupportRequests.SingleOrDefaultAsync(r => r.Id == id) ?? throw new NotFoundException();
        var me = Scope.StaffId;
        if (request.RaisedById == me || request.AssignedToId == me || Scope.SeesAllRegions) return request;
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == request.WorkOrderId);
        if (!(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded) throw new NotFoundException();
        return request;
    }

    private async Task<WorkOrder> WorkOrderAsync(int id, bool write)
    {
        var order = await db.WorkOrders.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id) ?? throw new NotFoundException();
        if (!(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded) throw new NotFoundException();
        if (write && !(await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded) throw new ForbiddenException("WorkOrderReadOnly");
        return order;
    }

    private async Task<bool> MayWorkOnAsync(int workOrderId)
    {
        var order = await db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == workOrderId);
        return (await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded;
    }

    /// <summary>Messages go to Chinese-speaking staff whatever language the sender's page is in.</summary>
    private static string Chinese(Func<LocalizedString> compose)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Localization.DefaultCulture);
        try
        {
            return compose().Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }


    private IQueryable<SupportRequestDto> Project(IQueryable<SupportRequest> requests) =>
        from r in requests
        join w in db.WorkOrders on r.WorkOrderId equals w.Id
        select new SupportRequestDto(r.Id, r.WorkOrderId, w.RegionId,
            db.Regions.Where(g => g.Id == w.RegionId).Select(g => g.Name).First(),
            db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First(),
            r.Kind, r.State, r.Question, r.RaisedById, db.Staff.Where(s => s.Id == r.RaisedById).Select(s => s.Name).First(), r.RaisedAt,
            r.AssignedToId, db.Staff.Where(s => s.Id == r.AssignedToId).Select(s => s.Name).FirstOrDefault(),
            r.Answer, r.AnsweredById, db.Staff.Where(s => s.Id == r.AnsweredById).Select(s => s.Name).FirstOrDefault(), r.AnsweredAt,
            r.SupportVisitAt, r.ClosedAt, r.CancelReason, r.Version);
}
