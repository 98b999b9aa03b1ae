using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.People;
using AfterSales.Domain.Safety;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Safety;

/// <summary>
/// Safety at customers' maintenance bases (SAF-1…SAF-4), shared by the pages and the API: the permit to work of a job
/// step by step, the open permits of one's region, agreements per base, templates, violations. A job (and so its permit)
/// the caller may not read is a 404; agreements and templates are kept by those who may manage safety.
/// </summary>
public sealed class SafetyService(AppDbContext db, IAuthorizationService authorization, IHttpContextAccessor http, TimeProvider clock,
    LocalTime local, SafetyGate gate, IncidentService incidents)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    private AccessScope Scope => AccessScope.From(User);
    public bool MayManage => Policies.Allows(Policies.ManageSafety, Scope.Role);

    // ---- Permits (SAF-2, SAF-3) ----

    /// <summary>The job's safety on the phone: at a base or not, needs a permit or not, the permit once opened.</summary>
    public async Task<JobSafetyDto> JobAsync(int workOrderId)
    {
        await LoadOrderAsync(workOrderId, Operations.Read);
        var permit = await db.Permits.AsNoTracking().Where(p => p.WorkOrderId == workOrderId).OrderByDescending(p => p.Id)
            .Select(p => new { p.Id, p.WorkStartedAt, p.ClosedOutAt, p.FinishedAt }).FirstOrDefaultAsync();
        var atBase = await db.WorkOrders.Where(w => w.Id == workOrderId)
            .Select(w => db.Sites.Where(s => s.Id == w.SiteId).Select(s => s.IsMaintenanceBase).First()).SingleAsync();
        if (permit is not null) return new JobSafetyDto(atBase, true, permit.Id, StateOf(permit.WorkStartedAt, permit.ClosedOutAt, permit.FinishedAt));
        return new JobSafetyDto(atBase, atBase && await gate.TemplateForAsync(workOrderId) is not null, null, null);
    }

    public async Task<PermitDto> GetPermitAsync(int workOrderId)
    {
        var order = await LoadOrderAsync(workOrderId, Operations.Read);
        var permit = await gate.PermitAsync(workOrderId);
        if (permit is null)
        {
            if (await gate.TemplateForAsync(workOrderId) is null) throw new NotFoundException("PermitNotNeeded");
            throw new NotFoundException("PermitNotOpenYet");
        }
        var mayWork = (await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded && order.IsWorkedBy(Scope.StaffId);
        var names = await db.WorkOrders.AsNoTracking().Where(w => w.Id == workOrderId).Select(w => new
        {
            Customer = db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First(),
            Site = db.Sites.Where(s => s.Id == w.SiteId).Select(s => new { s.Name, s.Address }).First(),
            Technician = db.Staff.Where(s => s.Id == w.TechnicianId).Select(s => s.Name).FirstOrDefault(),
        }).SingleAsync();
        var doers = permit.Steps.Where(s => s.DoneById != null).Select(s => s.DoneById!.Value).Distinct().ToList();
        var people = await db.Staff.AsNoTracking().Where(s => doers.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        var steps = permit.Steps.OrderBy(s => s.Position).Select(s => new PermitStepDto(s.Id, s.Position, s.Title, s.Phase, s.DoneAt,
            s.DoneById is { } by ? people[by] : null, s.PhotoId, s.Note, permit.IsNeeded(s))).ToList();
        var earlier = await db.Permits.CountAsync(p => p.WorkOrderId == workOrderId && p.Id < permit.Id);
        return new PermitDto(permit.Id, permit.Version, order.Id, order.Number, order.State, names.Customer, names.Site.Name, names.Site.Address,
            names.Technician ?? "", permit.TemplateName, permit.State, permit.OpenedAt, permit.ProtectiveEquipmentAt, permit.WorkStartedAt,
            permit.ClosedOutAt, permit.WasteOil, permit.WasteOilNote, permit.FinishedAt, permit.NextStep?.Id, permit.WorkMayStart, mayWork, steps,
            permit.InterruptedReason, earlier);
    }

    /// <summary>One step, in order, with who, when and a photo (stored with the job's visit photos).</summary>
    public Task RecordStepAsync(int workOrderId, int stepId, Upload? photo, string? note) => ChangePermitAsync(workOrderId, (order, permit, now) =>
    {
        if (photo is null) throw new DomainException("PermitPhotoRequired") { Field = "Photo" };
        var step = permit.Steps.SingleOrDefault(s => s.Id == stepId) ?? throw new NotFoundException();
        // The order is checked before the photo is kept, so that a refused step leaves nothing behind.
        var visitPhoto = new VisitPhoto(order, photo.Content, photo.ContentType, step.Title, now, Scope.StaffId);
        permit.RecordStep(stepId, now, Scope.StaffId, visitPhoto, note);
        db.VisitPhotos.Add(visitPhoto);
    });

    public Task ConfirmProtectiveEquipmentAsync(int workOrderId) =>
        ChangePermitAsync(workOrderId, (_, permit, now) => permit.ConfirmProtectiveEquipment(now, Scope.StaffId));

    public Task StartWorkAsync(int workOrderId) => ChangePermitAsync(workOrderId, (_, permit, now) => permit.StartWork(now, Scope.StaffId));

    public Task CloseOutAsync(int workOrderId, CloseOutInput input) => ChangePermitAsync(workOrderId, (order, permit, now) =>
        permit.CloseOut(now, Scope.StaffId, input.WorkDone, input.MaterialsCleared, input.SiteClean, input.WasteOil, input.WasteOilNote,
            order.State is WorkOrderState.Completed or WorkOrderState.Signed or WorkOrderState.Closed));

    /// <summary>The work stops before the job is done; the restoring steps follow, then the job may be left unfinished.</summary>
    public Task InterruptAsync(int workOrderId, InterruptInput input) => ChangePermitAsync(workOrderId, (_, permit, now) =>
        permit.Interrupt(now, Scope.StaffId, input.Reason, input.MaterialsCleared, input.SiteClean, input.WasteOil, input.WasteOilNote));

    /// <summary>The permits not finished yet that the caller sees: a technician their own jobs', a manager their region's.</summary>
    public async Task<Paged<PermitSummaryDto>> ListOpenAsync(bool all, int page, int pageSize = Paged<PermitSummaryDto>.DefaultPageSize)
    {
        var visible = db.WorkOrders(Scope).Select(w => w.Id);
        var permits = db.Permits.AsNoTracking().Where(p => visible.Contains(p.WorkOrderId));
        if (!all) permits = permits.Where(p => p.FinishedAt == null);
        var query = permits.OrderByDescending(p => p.FinishedAt == null).ThenBy(p => p.OpenedAt).Select(p => new
        {
            p.Id, p.WorkOrderId, p.OpenedAt,
            Customer = db.WorkOrders.Where(w => w.Id == p.WorkOrderId).Select(w => db.Customers.Where(c => c.Id == w.CustomerId).Select(c => c.Name).First()).First(),
            Site = db.Sites.Where(s => s.Id == p.SiteId).Select(s => s.Name).First(),
            Technician = db.WorkOrders.Where(w => w.Id == p.WorkOrderId).Select(w => db.Staff.Where(s => s.Id == w.TechnicianId).Select(s => s.Name).FirstOrDefault()).First(),
        });
        var paged = await PageAsync(query, page, pageSize, p => p);
        // The page's permits with their steps: the next step and the steps still needed are the permit's own rules
        // (an interrupted permit needs only its restoring steps, or none).
        var ids = paged.Items.Select(p => p.Id).ToList();
        var withSteps = await db.Permits.AsNoTracking().Include(p => p.Steps).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        return new Paged<PermitSummaryDto>([.. paged.Items.Select(p =>
        {
            var permit = withSteps[p.Id];
            return new PermitSummaryDto(p.Id, p.WorkOrderId, $"WO{p.WorkOrderId:000000}", p.Customer, p.Site, p.Technician ?? "", permit.State,
                permit.NextStep?.Title, permit.Steps.Count(s => s.DoneAt != null), permit.Steps.Count(s => s.DoneAt != null || permit.IsNeeded(s)),
                p.OpenedAt, permit.InterruptedReason != null);
        })], paged.Page, paged.PageSize, paged.Total);
    }

    private static async Task<Paged<TOut>> PageAsync<TIn, TOut>(IQueryable<TIn> query, int page, int pageSize, Func<TIn, TOut> map)
    {
        var paged = await Paged<TIn>.FromAsync(query, page, pageSize);
        return new Paged<TOut>(paged.Items.Select(map).ToList(), paged.Page, paged.PageSize, paged.Total);
    }

    private static PermitState StateOf(DateTimeOffset? started, DateTimeOffset? closed, DateTimeOffset? finished) =>
        finished is not null ? PermitState.Finished : closed is not null ? PermitState.Restoring : started is not null ? PermitState.Working : PermitState.Isolating;

    private async Task ChangePermitAsync(int workOrderId, Action<WorkOrder, PermitToWork, DateTimeOffset> change)
    {
        var order = await LoadOrderAsync(workOrderId, Operations.Edit);
        // Only the people working the job record its permit; a manager who may edit the job looks.
        if (!order.IsWorkedBy(Scope.StaffId)) throw new ForbiddenException("WorkOrderReadOnly");
        var permit = await gate.PermitAsync(workOrderId) ?? throw new ConflictException("PermitNotOpenYet");
        change(order, permit, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private async Task<WorkOrder> LoadOrderAsync(int id, OperationAuthorizationRequirement operation)
    {
        var order = await db.WorkOrders.Include(w => w.Helpers).Include(w => w.Visits).AsSplitQuery().SingleOrDefaultAsync(w => w.Id == id)
            ?? throw new NotFoundException();
        if (!(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded) throw new NotFoundException();
        if (operation == Operations.Edit && !(await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded)
            throw new ForbiddenException("WorkOrderReadOnly");
        return order;
    }

    // ---- Agreements (SAF-1) ----

    /// <summary>The maintenance bases the caller sees, with the agreement in force (or the last one).</summary>
    public async Task<IReadOnlyList<BaseDto>> BasesAsync()
    {
        var today = local.Today;
        var bases = await db.Sites(Scope).AsNoTracking().Where(s => s.IsMaintenanceBase).OrderBy(s => s.City).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Name, s.Address, Customer = s.Customer.Name, s.Customer.RegionId,
                Valid = db.SafetyAgreements.Any(a => a.SiteId == s.Id && a.SignedOn <= today && a.ValidUntil >= today),
                Until = db.SafetyAgreements.Where(a => a.SiteId == s.Id).Max(a => (DateOnly?)a.ValidUntil),
            }).ToListAsync();
        return bases.Select(b => new BaseDto(b.Id, b.Customer, b.Name, b.Address, b.RegionId, b.Until, b.Valid)).ToList();
    }

    /// <summary>Sites the caller sees that are not bases yet, by customer name or code, site name or address: to mark one.</summary>
    public Task<List<BaseDto>> CandidatesAsync(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return Task.FromResult(new List<BaseDto>());
        var term = q.Trim();
        return db.Sites(Scope).AsNoTracking().Where(s => !s.IsMaintenanceBase
                && (s.Name.Contains(term) || s.Address.Contains(term) || s.Customer.Name.Contains(term) || s.Customer.Code == term.ToUpper()))
            .OrderBy(s => s.Id).Take(20)
            .Select(s => new BaseDto(s.Id, s.Customer.Name, s.Name, s.Address, s.Customer.RegionId, null, false)).ToListAsync();
    }

    public async Task<IReadOnlyList<AgreementDto>> AgreementsAsync(int siteId)
    {
        await SiteAsync(siteId);
        var today = local.Today;
        return await db.SafetyAgreements.AsNoTracking().Where(a => a.SiteId == siteId).OrderByDescending(a => a.ValidUntil).ThenByDescending(a => a.Id)
            .Select(a => new AgreementDto(a.Id, a.SiteId, a.FileName, a.SignedOn, a.ValidUntil, a.Note,
                db.Staff.Where(s => s.Id == a.RecordedById).Select(s => s.Name).First(), a.RecordedAt, a.SignedOn <= today && a.ValidUntil >= today))
            .ToListAsync();
    }

    public async Task<int> AddAgreementAsync(int siteId, Upload? file, DateOnly? signedOn, DateOnly? validUntil, string? note)
    {
        RequireManage();
        var site = await SiteAsync(siteId);
        if (!site.IsMaintenanceBase) throw new DomainException("SafetyNotABase") { Field = "SiteId" };
        if (file is null) throw new DomainException("Required") { Field = "File" };
        var agreement = new SafetyAgreement(siteId, file.FileName, file.ContentType, file.Content,
            signedOn ?? throw new DomainException("Required") { Field = "SignedOn" },
            validUntil ?? throw new DomainException("Required") { Field = "ValidUntil" }, note, Scope.StaffId, clock.GetUtcNow());
        db.SafetyAgreements.Add(agreement);
        await db.SaveChangesAsync();
        return agreement.Id;
    }

    public async Task<Upload> AgreementFileAsync(int id)
    {
        var agreement = await db.SafetyAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id) ?? throw new NotFoundException();
        await SiteAsync(agreement.SiteId);
        return new Upload(agreement.FileName, agreement.ContentType, agreement.Content);
    }

    public async Task MarkBaseAsync(int siteId, bool isBase)
    {
        RequireManage();
        var site = await SiteAsync(siteId);
        site.MarkMaintenanceBase(isBase);
        await db.SaveChangesAsync();
    }

    /// <summary>A site the caller sees (404 otherwise), tracked.</summary>
    public async Task<Domain.Customers.Site> SiteAsync(int siteId) =>
        await db.Sites(Scope).Include(s => s.Customer).SingleOrDefaultAsync(s => s.Id == siteId) ?? throw new NotFoundException();

    // ---- Templates (SAF-2) ----

    public Task<List<TemplateDto>> TemplatesAsync() =>
        db.PermitTemplates.AsNoTracking().OrderBy(t => t.Id).Select(t => new TemplateDto(t.Id, t.Version, t.Name, t.EquipmentKinds, t.IsActive,
            t.Steps.OrderBy(s => s.Position).Select(s => new TemplateStepInput(s.Title, s.Phase)).ToList())).ToListAsync();

    public async Task<TemplateDto> TemplateAsync(int id) =>
        (await TemplatesAsync()).SingleOrDefault(t => t.Id == id) ?? throw new NotFoundException();

    public async Task<int> SaveTemplateAsync(int? id, TemplateInput input)
    {
        RequireManage();
        var steps = (input.Steps ?? []).Select(s => (s.Title ?? "", s.Phase)).ToList();
        PermitTemplate template;
        if (id is { } existing)
        {
            template = await db.PermitTemplates.Include(t => t.Steps).SingleOrDefaultAsync(t => t.Id == existing) ?? throw new NotFoundException();
            if (input.Version is { } version) db.ExpectVersion(template, version);
            template.Update(input.Name ?? "", input.EquipmentKinds ?? "", input.IsActive, steps);
        }
        else
        {
            template = new PermitTemplate(input.Name ?? "", input.EquipmentKinds ?? "", steps);
            if (!input.IsActive) template.Update(template.Name, template.EquipmentKinds, false, steps);
            db.PermitTemplates.Add(template);
        }
        await db.SaveChangesAsync();
        return template.Id;
    }

    // ---- Violations (SAF-4) ----

    /// <summary>
    /// A violation the base reported: recorded against the technician with the base's report, and raised as an incident
    /// judged by the policy (<c>safety_violation</c>); the technician's department (their manager) sees it with the others.
    /// </summary>
    public async Task<int> RecordViolationAsync(ViolationInput input, Upload? report)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.RecordIncidents, scope.Role)) throw new ForbiddenException();
        var site = await SiteAsync(input.SiteId);
        if (!site.IsMaintenanceBase) throw new DomainException("SafetyNotABase") { Field = nameof(input.SiteId) };
        var technician = await db.Staff(scope).AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == input.TechnicianId && s.Role == StaffRole.Technician && s.Id != scope.StaffId)
            ?? throw new DomainException("SafetyViolationTechnician") { Field = nameof(input.TechnicianId) };
        var at = input.At ?? throw new DomainException("Required") { Field = nameof(input.At) };
        var violation = new SafetyViolation(site.Id, technician.Id, input.WorkOrderId, at, input.Description ?? "", input.ReportedBy ?? "",
            report?.FileName, report?.ContentType, report?.Content, scope.StaffId, clock.GetUtcNow());
        var incident = await incidents.AddAsync(new IncidentDraft
        {
            PersonId = technician.Id, RegionId = technician.RegionId ?? site.Customer.RegionId, Kind = "safety_violation", Source = "safety", At = at,
            Severity = input.Severity, WorkOrderId = input.WorkOrderId,
            Description = SafetyText.Company("Incident.Violation", site.Name, violation.ReportedBy, violation.Description),
        }, scope.StaffId);
        violation.LinkIncident(incident);
        db.SafetyViolations.Add(violation);
        await db.SaveChangesAsync();
        return violation.Id;
    }

    public Task<List<ViolationDto>> ViolationsAsync()
    {
        var visibleStaff = db.Staff(Scope).Select(s => s.Id);
        return db.SafetyViolations.AsNoTracking().Where(v => visibleStaff.Contains(v.TechnicianId)).OrderByDescending(v => v.At).Take(100)
            .Select(v => new ViolationDto(v.Id, v.SiteId, db.Sites.Where(s => s.Id == v.SiteId).Select(s => s.Name).First(), v.TechnicianId,
                db.Staff.Where(s => s.Id == v.TechnicianId).Select(s => s.Name).First(), v.WorkOrderId, v.At, v.Description, v.ReportedBy,
                v.ReportFileName, v.IncidentId))
            .ToListAsync();
    }

    private void RequireManage()
    {
        if (!MayManage) throw new ForbiddenException();
    }
}
