using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Callbacks;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Callbacks;

public sealed record CallbackDto(int Id, int WorkOrderId, WorkOrderKind Kind, string CustomerName, string CustomerPhone,
    string? TechnicianName, CallbackReason Reason, DateTimeOffset QueuedAt, DateTimeOffset? CompletedAt, int Attempts, DateTimeOffset? CalledAt,
    string? CalledBy, CallbackOutcome? Outcome, bool? WorkConfirmed, int? AttitudeScore, bool? ReportTrue, string? Notes, bool Done, int Version)
{
    public string WorkOrderNumber => $"WO{WorkOrderId:000000}";
}

// Properties, not a positional record: the compile-time request delegate generator cannot bind
// [AsParameters] constructors with nullable reference types.
public sealed record CallbackFilter
{
    public bool? Done { get; init; }
    public CallbackReason? Reason { get; init; }
    public int? RegionId { get; init; }
    public string? Q { get; init; }
    public int? WorkOrderId { get; init; }
}

public sealed record CallbackInput(CallbackOutcome Outcome, bool? WorkConfirmed = null, int? AttitudeScore = null, bool? ReportTrue = null,
    string? Notes = null, int Version = 0);

public sealed record QueueInput(int WorkOrderId);

/// <summary>
/// RPT-4: the supervisors' callback queue — a drawn share of completed jobs, every job with a low satisfaction score,
/// and jobs put in by hand — and what the customer said. Shared by the pages and the API.
/// </summary>
public sealed class CallbackService(AppDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");

    private AccessScope Caller()
    {
        var scope = AccessScope.From(User);
        if (!Policies.Allows(Policies.MakeCallbacks, scope.Role)) throw new ForbiddenException();
        return scope;
    }

    private IQueryable<Callback> Visible(AccessScope scope) =>
        scope.SeesAllRegions ? db.Callbacks : db.Callbacks.Where(c => c.RegionId == scope.RegionId);

    public Task<Paged<CallbackDto>> ListAsync(CallbackFilter filter, int page, int pageSize = Paged<CallbackDto>.DefaultPageSize)
    {
        var callbacks = Visible(Caller()).AsNoTracking();
        if (filter.Done is { } done)
            callbacks = done ? callbacks.Where(c => c.Outcome == CallbackOutcome.Reached) : callbacks.Where(c => c.Outcome != CallbackOutcome.Reached || c.Outcome == null);
        if (filter.Reason is { } reason) callbacks = callbacks.Where(c => c.Reason == reason);
        if (filter.RegionId is { } region) callbacks = callbacks.Where(c => c.RegionId == region);
        if (filter.WorkOrderId is { } job) callbacks = callbacks.Where(c => c.WorkOrderId == job);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            callbacks = callbacks.Where(c => db.WorkOrders.Any(w => w.Id == c.WorkOrderId
                && db.Customers.Any(k => k.Id == w.CustomerId && (k.Name.Contains(q) || k.Phone.Contains(q)))));
        }
        // Low scores first: they are the customers waiting for someone to listen.
        var ordered = callbacks.OrderBy(c => c.Outcome == CallbackOutcome.Reached).ThenBy(c => c.Reason == CallbackReason.LowScore ? 0 : 1)
            .ThenBy(c => c.Id);
        return Paged<CallbackDto>.FromAsync(Project(ordered), page, pageSize);
    }

    public async Task<CallbackDto> GetAsync(int id)
    {
        var scope = Caller();
        return await Project(Visible(scope).AsNoTracking().Where(c => c.Id == id)).SingleOrDefaultAsync() ?? throw new NotFoundException();
    }

    public async Task RecordAsync(int id, CallbackInput input)
    {
        var scope = Caller();
        var callback = await Visible(scope).SingleOrDefaultAsync(c => c.Id == id) ?? throw new NotFoundException();
        db.ExpectVersion(callback, input.Version);
        callback.Record(clock.GetUtcNow(), scope.StaffId, input.Outcome, input.WorkConfirmed, input.AttitudeScore, input.ReportTrue, input.Notes);
        await db.SaveChangesAsync();
    }

    /// <summary>A supervisor puts a job in the queue by hand; a job already queued by hand is not queued twice.</summary>
    public async Task<int> QueueAsync(int workOrderId)
    {
        var scope = Caller();
        var order = await db.WorkOrders(scope).AsNoTracking().SingleOrDefaultAsync(w => w.Id == workOrderId)
            ?? throw new DomainException("WorkOrderNotFound") { Field = nameof(QueueInput.WorkOrderId) };
        if (order.CompletedAt is null) throw new ConflictException("CallbackOnlyAfterCompletion");
        var existing = await db.Callbacks.SingleOrDefaultAsync(c => c.WorkOrderId == workOrderId && c.Reason == CallbackReason.Manual);
        if (existing is not null) return existing.Id;
        var callback = new Callback(order.Id, order.RegionId, order.TechnicianId, CallbackReason.Manual, clock.GetUtcNow());
        db.Callbacks.Add(callback);
        await db.SaveChangesAsync();
        return callback.Id;
    }

    private IQueryable<CallbackDto> Project(IQueryable<Callback> callbacks) =>
        callbacks.Select(c => new CallbackDto(c.Id, c.WorkOrderId, db.WorkOrders.Where(w => w.Id == c.WorkOrderId).Select(w => w.Kind).First(),
            db.Customers.Where(k => db.WorkOrders.Any(w => w.Id == c.WorkOrderId && w.CustomerId == k.Id)).Select(k => k.Name).First(),
            db.Customers.Where(k => db.WorkOrders.Any(w => w.Id == c.WorkOrderId && w.CustomerId == k.Id)).Select(k => k.Phone).First(),
            db.Staff.Where(s => s.Id == c.TechnicianId).Select(s => s.Name).FirstOrDefault(), c.Reason, c.QueuedAt,
            db.WorkOrders.Where(w => w.Id == c.WorkOrderId).Select(w => w.CompletedAt).First(), c.Attempts, c.CalledAt,
            db.Staff.Where(s => s.Id == c.CalledById).Select(s => s.Name).FirstOrDefault(), c.Outcome, c.WorkConfirmed, c.AttitudeScore,
            c.ReportTrue, c.Notes, c.Outcome == CallbackOutcome.Reached, c.Version));
}

/// <summary>
/// Puts jobs in the callback queue as they happen: a drawn share at completion, and every job whose customer gave a
/// low score. Written in the same save as the change that causes it.
/// </summary>
public sealed class CallbackQueue(AppDbContext db, TimeProvider clock, CallbackPolicy policy, Random random)
{
    public async Task ConsiderCompletedAsync(WorkOrder order)
    {
        if (!policy.Draws(random.Next(100))) return;
        await AddAsync(order.Id, order.RegionId, order.TechnicianId, CallbackReason.Sample);
    }

    public async Task ConsiderScoreAsync(WorkOrder order, int score)
    {
        if (score > policy.LowScoreAtMost) return;
        await AddAsync(order.Id, order.RegionId, order.TechnicianId, CallbackReason.LowScore);
    }

    private async Task AddAsync(int workOrderId, int regionId, int? technicianId, CallbackReason reason)
    {
        if (await db.Callbacks.AnyAsync(c => c.WorkOrderId == workOrderId && c.Reason == reason)) return;
        db.Callbacks.Add(new Callback(workOrderId, regionId, technicianId, reason, clock.GetUtcNow()));
    }
}
