using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.WorkOrders;

/// <summary>
/// Intake and every state change of a work order, shared by the pages and the API so both apply the same rules.
/// A job the caller may not read is a 404; one they may read but not work on is a 403.
/// </summary>
public sealed partial class WorkOrderService(AppDbContext db, IAuthorizationService authorization, IHttpContextAccessor http,
    TimeProvider clock, WorkOrderPolicy policy, WorkOrderMessages messages,
    Callbacks.CallbackQueue callbacks, Safety.SafetyGate safety)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);

    public Task<Paged<WorkOrderDto>> ListAsync(WorkOrderFilter filter, int page, int pageSize = Paged<WorkOrderDto>.DefaultPageSize)
    {
        var now = clock.GetUtcNow();
        var orders = db.WorkOrders(Scope).AsNoTracking();
        if (filter.State is { } state) orders = orders.Where(w => w.State == state);
        if (filter.Kind is { } kind) orders = orders.Where(w => w.Kind == kind);
        if (filter.RegionId is { } region) orders = orders.Where(w => w.RegionId == region);
        if (filter.TechnicianId is { } technician) orders = orders.Where(w => w.TechnicianId == technician);
        if (filter.Open == true) orders = orders.Where(WorkOrder.Open);
        if (filter.Overdue == true) orders = orders.Where(WorkOrder.Open).Where(w => w.FirstContactAt == null && w.FirstContactDueAt < now);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            var number = q.StartsWith("WO", StringComparison.OrdinalIgnoreCase) && int.TryParse(q[2..], out var n) ? n : (int?)null;
            orders = orders.Where(w => w.Id == number || w.Description.Contains(q)
                || db.Customers.Any(c => c.Id == w.CustomerId && (c.Name.Contains(q) || c.Code.Contains(q.ToUpper()) || c.Phone.Contains(q))));
        }
        return Paged<WorkOrderDto>.FromAsync(Project(orders.OrderByDescending(w => w.ReceivedAt).ThenByDescending(w => w.Id), now), page, pageSize);
    }

    public async Task<WorkOrderDetailsDto> GetAsync(int id)
    {
        var order = await LoadAsync(id, Operations.Read);
        var now = clock.GetUtcNow();
        var dto = await Project(db.WorkOrders.AsNoTracking().Where(w => w.Id == id), now).SingleAsync();
        var contacts = await db.WorkOrderContacts.AsNoTracking().Where(c => c.WorkOrderId == id).OrderBy(c => c.At)
            .Select(c => new ContactDto(c.Id, c.At, c.StaffId, db.Staff.Where(s => s.Id == c.StaffId).Select(s => s.Name).First(), c.Purpose, c.Outcome,
                c.ConstructionProgress, c.AgreedStart, c.AgreedEnd, c.Required, c.Notes))
            .ToListAsync();
        var items = await db.WorkOrderItems.AsNoTracking().Where(i => i.WorkOrderId == order.Id)
            .Select(i => new ItemDto(i.Id, i.ProductId, db.Products.Where(p => p.Id == i.ProductId).Select(p => p.Name).FirstOrDefault(),
                i.EquipmentId, db.Equipment.Where(e => e.Id == i.EquipmentId).Select(e => e.SerialNumber).FirstOrDefault(), i.Quantity))
            .ToListAsync();
        var checklist = await db.ChecklistItems.AsNoTracking().Where(i => i.WorkOrderId == id).OrderBy(i => i.Position)
            .Select(i => new ChecklistItemDto(i.Id, i.Phase, i.Code, i.DoneAt, db.Staff.Where(s => s.Id == i.DoneById).Select(s => s.Name).FirstOrDefault()))
            .ToListAsync();
        var visits = order.Visits.OrderBy(v => v.Number).Select(v => new VisitDto(v.Id, v.Number, v.TechnicianId, "", v.DepartedAt, v.CheckedInAt,
            v.CheckInLatitude, v.CheckInLongitude, v.CheckInAccuracyMeters, v.CheckInMetersFromSite, v.CheckedOutAt, v.CheckOutLatitude,
            v.CheckOutLongitude, v.CheckOutAccuracyMeters, v.Present, v.PresentOthers, v.ContactDetailsSentAt, v.LeftUnfinishedReason,
            v.Measurements.OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => new MeasurementDto(m.Id, m.Name, m.Value, m.Unit, m.WorkOrderItemId, m.Note, m.At)).ToList(),
            v.Tests.OrderBy(t => t.Attempt).ThenBy(t => t.Id).Select(t => new CommissioningTestDto(t.Id, t.WorkOrderItemId, t.Attempt, t.LeakTestPassed,
                t.ConnectionTestPassed, t.Passed, t.Notes, t.At)).ToList())).ToList();
        var photos = await db.VisitPhotos.AsNoTracking().Where(p => p.WorkOrderId == id).OrderBy(p => p.TakenAt)
            .Select(p => new PhotoDto(p.Id, p.VisitId, p.Caption, p.TakenAt, p.Content.Length)).ToListAsync();
        var staffIds = order.Visits.Select(v => v.TechnicianId).Concat(order.Helpers.Select(h => h.StaffId))
            .Concat(order.ChangeRequests.SelectMany(r => new[] { r.FromTechnicianId, r.ToTechnicianId, r.RequestedById, r.DecidedById ?? 0 }))
            .Concat(order.FitProblems.Select(f => f.ReportedById)).Distinct().ToList();
        var people = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => (s.Name, s.Phone));
        visits = visits.Select(v => v with { TechnicianName = people[v.TechnicianId].Name }).ToList();
        var helpers = order.Helpers.OrderBy(h => h.AddedAt).Select(h => new HelperDto(h.StaffId, people[h.StaffId].Name, people[h.StaffId].Phone, h.AddedAt))
            .ToList();
        var requests = order.ChangeRequests.OrderBy(r => r.RequestedAt).Select(r => new ChangeRequestDto(r.Id, r.FromTechnicianId,
            people[r.FromTechnicianId].Name, r.ToTechnicianId, people[r.ToTechnicianId].Name, r.Reason, r.ForCustomer, people[r.RequestedById].Name,
            r.RequestedAt, r.State, r.DecidedById is { } d ? people[d].Name : null, r.DecidedAt, r.DecisionNote)).ToList();
        var fits = order.FitProblems.OrderBy(f => f.ReportedAt).Select(f => new FitProblemDto(f.Id, f.WorkOrderItemId,
            items.FirstOrDefault(i => i.Id == f.WorkOrderItemId)?.ProductName, f.Problem, f.Alternative, people[f.ReportedById].Name, f.ReportedAt)).ToList();
        var mayWork = (await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded;
        return new WorkOrderDetailsDto(dto, contacts, items, checklist, visits, photos, helpers, requests, fits, mayWork);
    }

    /// <summary>
    /// A new job from a store or a dispatcher. It goes to the customer's own technician unless another one is named
    /// for a customer who has none yet (WO-4); its first-contact deadline comes from the policy (WO-2).
    /// </summary>
    public async Task<int> TakeAsync(IntakeInput input)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.TakeWorkOrders, scope.Role)) throw new ForbiddenException();
        var customer = await db.Customers(scope).Include(c => c.Sites).SingleOrDefaultAsync(c => c.Id == input.CustomerId)
            ?? throw new DomainException("CustomerNotFound") { Field = nameof(IntakeInput.CustomerId) };
        if (customer.Sites.All(s => s.Id != input.SiteId))
            throw new DomainException("SiteNotOfCustomer") { Field = nameof(IntakeInput.SiteId) };

        var order = new WorkOrder(input.Kind, customer.Id, input.SiteId, customer.RegionId, input.Description ?? "",
            clock.GetUtcNow(), scope.StaffId, policy);
        var technician = customer.TechnicianId ?? input.TechnicianId;
        if (customer.TechnicianId is not null && input.TechnicianId is not null && input.TechnicianId != customer.TechnicianId)
            throw new ConflictException("TechnicianChangeNeedsApproval");
        if (technician is not null)
        {
            await CheckTechnicianAsync(technician.Value, customer.RegionId);
            order.AssignTechnician(technician.Value);
        }
        foreach (var item in input.Items ?? [])
        {
            if (item.EquipmentId is { } equipmentId && !await db.Equipment.AnyAsync(e => e.Id == equipmentId && e.SiteId == input.SiteId))
                throw new DomainException("EquipmentNotAtSite") { Field = "EquipmentId" };
            if (item.ProductId is { } productId && !await db.Products.AnyAsync(p => p.Id == productId))
                throw new DomainException("ProductNotFound") { Field = "ProductId" };
            order.AddItem(item.ProductId, item.EquipmentId, item.Quantity);
        }
        db.WorkOrders.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    public Task AssignAsync(int id, AssignInput input) => ChangeAsync(id, input.Version, async order =>
    {
        await CheckTechnicianAsync(input.TechnicianId, order.RegionId);
        order.AssignTechnician(input.TechnicianId);
    }, managersOnly: true);

    public Task RecordContactAsync(int id, ContactInput input) => ChangeAsync(id, input.Version, order =>
    {
        order.RecordContact(clock.GetUtcNow(), Scope.StaffId, input.Outcome, input.ConstructionProgress, input.AgreedStart, input.AgreedEnd,
            input.Required, input.Notes);
        return Task.CompletedTask;
    });

    public Task ScheduleAsync(int id, ScheduleInput input) => ChangeAsync(id, input.Version, order =>
    {
        order.Schedule(input.Start, input.End, input.CustomerConsented, clock.GetUtcNow(), Scope.StaffId);
        return Task.CompletedTask;
    });

    public Task ConfirmDayBeforeAsync(int id, ConfirmationInput input) =>
        ChangeAsync(id, input.Version, order => Do(() => order.ConfirmDayBefore(clock.GetUtcNow(), input.ConfirmedBy ?? "")));

    public Task SetChecklistItemAsync(int id, int itemId, ChecklistInput input) =>
        ChangeAsync(id, input.Version, async order =>
        {
            // VIS-1: goods with a missing part or damage on record are not loaded (nor ticked as checked) until it is resolved.
            if (input.Done && order.Checklist.Any(i => i.Id == itemId && i.Code == Stock.GoodsCheckService.ChecklistCode)
                && await db.GoodsChecks.AnyAsync(g => g.WorkOrderId == id && g.State == Domain.Inventory.GoodsCheckState.Blocked))
                throw new ConflictException("GoodsCheckUnresolved");
            order.SetChecklistItem(itemId, input.Done, clock.GetUtcNow(), Scope.StaffId);
        });

    /// <summary>WO-7 and WO-8: classify the repair, then look for the earlier repair it redoes.</summary>
    public Task AssessRepairAsync(int id, RepairAssessmentInput input) => ChangeAsync(id, input.Version, async order =>
    {
        order.AssessRepair(input.Cause, input.CauseUnclear, Labour(input.EstimatedHours, input.EstimatedPeople),
            Labour(input.ActualHours, input.ActualPeople), policy);
        if (order.Cause is null || order.ReworkOfId is not null) return;
        var equipment = await db.WorkOrderItems.Where(i => i.WorkOrderId == id && i.EquipmentId != null).Select(i => i.EquipmentId).ToListAsync();
        if (equipment.Count == 0) return;
        var earlier = await db.WorkOrders.AsNoTracking()
            .Where(w => w.Id != id && w.Cause == order.Cause && w.CompletedAt != null
                && (w.Kind == WorkOrderKind.Repair || w.Kind == WorkOrderKind.Rework)
                && db.WorkOrderItems.Any(i => i.WorkOrderId == w.Id && equipment.Contains(i.EquipmentId)))
            .Select(w => new ReworkRule.EarlierRepair(w.Id, w.CompletedAt!.Value))
            .ToListAsync();
        if (ReworkRule.EarlierJob(order.ReceivedAt, earlier, policy) is { } earlierId) order.MarkReworkOf(earlierId);
    });

    public Task OverrideRepairClassAsync(int id, RepairClassInput input) =>
        ChangeAsync(id, input.Version, order => Do(() => order.OverrideRepairClass(input.RepairClass, input.Reason ?? "")), managersOnly: true);

    private static Labour? Labour(decimal? hours, int? people) =>
        hours is null && people is null ? null : new Labour(hours ?? 0, people ?? 1);

    public Task DepartAsync(int id, VersionInput input) => ChangeAsync(id, input.Version, order => Do(() => order.Depart(clock.GetUtcNow(), policy)));

    public Task WaitForDepartmentAsync(int id, DepartmentInput input) =>
        ChangeAsync(id, input.Version, order => Do(() => order.WaitForDepartment(input.Department ?? "", input.Question ?? "")));

    public Task ConfirmByDepartmentAsync(int id, ConfirmationInput input) =>
        ChangeAsync(id, input.Version, order => Do(() => order.ConfirmByDepartment(input.ConfirmedBy ?? "", input.Answer ?? "")));

    public Task CancelAsync(int id, ReasonInput input) =>
        ChangeAsync(id, input.Version, order => Do(() => order.Cancel(input.Reason ?? "")), managersOnly: true);

    private static Task Do(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Loads the job for work, checks the version the caller saw (when given: the phone's additive actions omit it so
    /// that submits queued offline do not refuse each other), applies the change and saves it with its audit.
    /// </summary>
    private async Task ChangeAsync(int id, int? version, Func<WorkOrder, Task> change, bool managersOnly = false)
    {
        var order = await LoadAsync(id, Operations.Edit);
        if (managersOnly && !Policies.Allows(Policies.TakeWorkOrders, Scope.Role)) throw new ForbiddenException();
        if (version is { } expected) db.ExpectVersion(order, expected);
        await change(order);
        await db.SaveChangesAsync();
    }

    private async Task<WorkOrder> LoadAsync(int id, OperationAuthorizationRequirement operation)
    {
        var order = await db.WorkOrders.Include(w => w.Contacts).Include(w => w.Checklist).Include(w => w.Items).Include(w => w.Helpers)
            .Include(w => w.Visits).ThenInclude(v => v.Measurements).Include(w => w.Visits).ThenInclude(v => v.Tests)
            .Include(w => w.ChangeRequests).Include(w => w.FitProblems)
            .AsSplitQuery().SingleOrDefaultAsync(w => w.Id == id) ?? throw new NotFoundException();
        if (!(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded) throw new NotFoundException();
        if (operation == Operations.Edit && !(await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded)
            throw new ForbiddenException("WorkOrderReadOnly");
        return order;
    }

    private async Task CheckTechnicianAsync(int technicianId, int regionId)
    {
        if (!await db.Staff.AnyAsync(s => s.Id == technicianId && s.IsActive && s.Role == StaffRole.Technician && s.RegionId == regionId))
            throw new DomainException("NotATechnicianOfRegion") { Field = "TechnicianId" };
    }

    private IQueryable<WorkOrderDto> Project(IQueryable<WorkOrder> orders, DateTimeOffset now) =>
        orders.Select(w => new WorkOrderDto(w.Id, w.Kind, w.State, w.CustomerId,
            db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First(), w.SiteId,
            db.Sites.Where(s => s.Id == w.SiteId).Select(s => s.Address).First(), w.RegionId, w.TechnicianId,
            db.Staff.Where(s => s.Id == w.TechnicianId).Select(s => s.Name).FirstOrDefault(), w.Description, w.ReceivedAt,
            w.FirstContactDueAt, w.FirstContactAt,
            w.FirstContactAt == null && w.FirstContactDueAt < now && w.State != WorkOrderState.Closed && w.State != WorkOrderState.Cancelled,
            w.AppointmentStart, w.AppointmentEnd, w.Required, w.ArrivedLate, w.WaitingForDepartment, w.WaitingQuestion,
            w.DepartmentAnswer, w.DepartmentConfirmedBy, w.CancelReason, w.NeedsDayBeforeConfirmation, w.DayBeforeConfirmedAt,
            w.DayBeforeConfirmedBy, w.Cause, w.RepairClass, w.RepairClassOverrideReason, w.ReworkOfId, w.CalledAheadAt, w.GoodsOnTheWayAt, w.Version));
}
