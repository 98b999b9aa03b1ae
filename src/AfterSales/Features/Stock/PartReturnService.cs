using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Inventory;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Stock;

/// <summary>
/// Replaced parts shipped back (INV-3): the technician ships their own, the warehouse receives and checks them; theft is
/// waived only with the police report; a part found sold is recorded (ASM-10). A technician sees only their own returns.
/// </summary>
public sealed class PartReturnService(AppDbContext db, StockService stock, IncidentService incidents, TimeProvider clock, LocalTime local)
{
    private IQueryable<PartReturn> Visible()
    {
        var scope = stock.Scope;
        var returns = db.PartReturns.AsQueryable();
        if (!Policies.Allows(Policies.ViewStock, scope.Role)) return returns.Where(p => p.TechnicianId == scope.StaffId);
        if (scope.SeesAllRegions) return returns;
        return returns.Where(p => p.RegionId == scope.RegionId || p.TechnicianId == scope.StaffId);
    }

    public Task<Paged<PartReturnDto>> ListAsync(PartReturnFilter filter, int page, int pageSize = Paged<PartReturnDto>.DefaultPageSize)
    {
        var today = local.Today;
        var query = Visible().AsNoTracking();
        if (filter.State is { } state) query = query.Where(p => p.State == state);
        if (filter.TechnicianId is { } technician) query = query.Where(p => p.TechnicianId == technician);
        if (filter.Overdue == true) query = query.Where(p => p.State == PartReturnState.Pending && p.DueOn < today);
        return Paged<PartReturnDto>.FromAsync(Project(query.OrderBy(p => p.State).ThenBy(p => p.DueOn).ThenBy(p => p.Id), today), page, pageSize);
    }

    public async Task<PartReturnDto> GetAsync(int id) =>
        await Project(Visible().AsNoTracking().Where(p => p.Id == id), local.Today).SingleOrDefaultAsync() ?? throw new NotFoundException();

    public async Task<List<PartReturnDto>> ForJobAsync(int workOrderId) =>
        await Project(Visible().AsNoTracking().Where(p => p.WorkOrderId == workOrderId).OrderBy(p => p.Id), local.Today).ToListAsync();

    private IQueryable<PartReturnDto> Project(IQueryable<PartReturn> returns, DateOnly today) =>
        returns.Select(p => new PartReturnDto(p.Id, p.ItemId,
            db.StockItems.Where(i => i.Id == p.ItemId).Select(i => i.Code).First(), db.StockItems.Where(i => i.Id == p.ItemId).Select(i => i.Name).First(),
            p.Quantity, db.StockItems.Where(i => i.Id == p.ItemId).Select(i => i.UnitPrice).First() * p.Quantity, p.TechnicianId,
            db.Staff.Where(s => s.Id == p.TechnicianId).Select(s => s.Name).First(), p.WorkOrderId, p.ReplacedOn, p.DueOn, p.State,
            p.State == PartReturnState.Pending && p.DueOn < today, p.Carrier, p.TrackingNumber, p.ShippedOn, p.ReceivedAt, p.ReceivedIntact, p.ReceivedNote,
            p.PoliceStation, p.PoliceOfficerNumber, p.PoliceReportName, p.IncidentId, p.Note, p.Version));

    private async Task<PartReturn> LoadAsync(int id, int? version)
    {
        var part = await Visible().SingleOrDefaultAsync(p => p.Id == id) ?? throw new NotFoundException();
        if (version is { } v) db.ExpectVersion(part, v);
        return part;
    }

    /// <summary>Only the technician who holds the part ships it or reports it stolen.</summary>
    private void RequireHolder(PartReturn part)
    {
        if (part.TechnicianId != stock.Scope.StaffId) throw new ForbiddenException("PartReturnNotYours");
    }

    private void RequireWarehouse(PartReturn part)
    {
        var scope = stock.Scope;
        if (!Policies.Allows(Policies.ManageStock, scope.Role) || !scope.SeesRegion(part.RegionId) || part.TechnicianId == scope.StaffId)
            throw new ForbiddenException("StockReadOnly");
    }

    public async Task ShipAsync(int id, ShipInput input, int? version = null)
    {
        var part = await LoadAsync(id, version);
        RequireHolder(part);
        part.Ship(input.Carrier, input.TrackingNumber, input.ShippedOn, local.Today);
        await db.SaveChangesAsync();
    }

    public async Task ReceiveAsync(int id, ReceiveInput input, int? version = null)
    {
        var part = await LoadAsync(id, version);
        RequireWarehouse(part);
        part.Receive(input.Intact, input.Note, stock.Scope.StaffId, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// ASM-10: stolen parts are waived only with a copy of the police report (station seal, officer number). The waiver is
    /// a <c>part_not_returned</c> incident marked waived, with the report attached as its evidence, so the assessment
    /// engine sees the same proof as the warehouse.
    /// </summary>
    public async Task ReportStolenAsync(int id, StolenInput input, int? version = null)
    {
        var part = await LoadAsync(id, version);
        RequireHolder(part);
        if (part.State != PartReturnState.Pending) throw new ConflictException("PartReturnStateWrong");
        if (input.Report is not { Length: > 0 }) throw new DomainException("PoliceReportRequired") { Field = nameof(PartReturn.PoliceReport) };
        var station = Guard.Required(input.PoliceStation, nameof(PartReturn.PoliceStation));
        var officer = Guard.Required(input.PoliceOfficerNumber, nameof(PartReturn.PoliceOfficerNumber));
        var item = await db.StockItems.AsNoTracking().SingleAsync(i => i.Id == part.ItemId);
        var now = clock.GetUtcNow();
        var waiver = await incidents.AddAsync(new IncidentDraft
        {
            PersonId = part.TechnicianId, RegionId = part.RegionId, Kind = "part_not_returned", Source = "stock", At = now,
            Amount = item.UnitPrice * part.Quantity, WorkOrderId = part.WorkOrderId, Waived = true,
            WaiverReason = StockText.Company("Incident.StolenWaiver", station, officer),
            Description = StockText.Company("Incident.PartStolen", part.Number, item.Code, item.Name, part.Quantity),
        }, stock.Scope.StaffId);
        waiver.AddEvidence(input.FileName ?? "police-report", input.ContentType ?? "application/octet-stream", input.Report, stock.Scope.StaffId, now);
        part.ReportStolen(station, officer, input.FileName, input.ContentType, input.Report, waiver);
        await db.SaveChangesAsync();
    }

    public async Task<(string Name, string ContentType, byte[] Content)> PoliceReportAsync(int id)
    {
        var part = await LoadAsync(id, null);
        return part.PoliceReport is { } report ? (part.PoliceReportName!, part.PoliceReportType!, report) : throw new NotFoundException();
    }

    /// <summary>ASM-10: a company part sold by the technician becomes a <c>part_sold</c> incident (dismissal proposed, notice, legal action).</summary>
    public async Task ReportSoldAsync(int id, SoldInput input, int? version = null)
    {
        var part = await LoadAsync(id, version);
        RequireWarehouse(part);
        var note = Guard.Required(input.Note, nameof(input.Note));
        var item = await db.StockItems.AsNoTracking().SingleAsync(i => i.Id == part.ItemId);
        var incident = await incidents.AddAsync(new IncidentDraft
        {
            PersonId = part.TechnicianId, RegionId = part.RegionId, Kind = "part_sold", Source = "stock", At = clock.GetUtcNow(),
            Amount = item.UnitPrice * part.Quantity, WorkOrderId = part.WorkOrderId,
            Description = StockText.Company("Incident.PartSold", part.Number, item.Code, item.Name, part.Quantity, note),
        }, stock.Scope.StaffId);
        part.ReportSold(incident);
        await db.SaveChangesAsync();
    }
}

/// <summary>
/// INV-3, ASM-10: every replaced part still not shipped back after its due day becomes one <c>part_not_returned</c>
/// incident (original price from pay, plus the bonus fine). Safe to rerun and to run on several instances at once: the
/// return's version guards the charge (a second writer's save fails and is skipped), and a return holds one incident.
/// </summary>
public sealed class PartReturnJob(AppDbContext db, IncidentService incidents, TimeProvider clock, LocalTime local, ILogger<PartReturnJob> log)
{
    public async Task<OverdueResult> ChargeOverdueAsync(DateOnly today, CancellationToken ct = default)
    {
        var due = await db.PartReturns.AsNoTracking().Where(p => p.State == PartReturnState.Pending && p.DueOn < today)
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        int charged = 0, skipped = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            var part = await db.PartReturns.SingleAsync(p => p.Id == id, ct);
            if (!part.IsOverdue(today))
            {
                skipped++;
                continue;
            }
            var item = await db.StockItems.AsNoTracking().SingleAsync(i => i.Id == part.ItemId, ct);
            var now = clock.GetUtcNow();
            var overdueFrom = local.StartOf(part.DueOn.AddDays(1));
            var incident = await incidents.AddAsync(new IncidentDraft
            {
                PersonId = part.TechnicianId, RegionId = part.RegionId, Kind = "part_not_returned", Source = "stock",
                At = overdueFrom < now ? overdueFrom : now, Amount = item.UnitPrice * part.Quantity, WorkOrderId = part.WorkOrderId,
                Description = StockText.Company("Incident.PartNotReturned", part.Number, item.Code, item.Name, part.Quantity,
                    part.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            }, recordedById: null);
            part.Charge(incident, today);
            try
            {
                await db.SaveChangesAsync(ct);
                charged++;
            }
            catch (DbUpdateException)
            {
                // Another instance charged it at the same moment (its version moved, or the incident slot is taken): its charge stands.
                db.ChangeTracker.Clear();
                if (await db.PartReturns.AnyAsync(p => p.Id == id && p.State == PartReturnState.Pending, ct)) throw;
                skipped++;
            }
        }
        if (charged > 0) log.LogInformation("Parts not returned by {Day}: {Count} charged.", today, charged);
        return new OverdueResult(today, charged, skipped);
    }
}

public sealed class StockOptions
{
    /// <summary>How often the worker charges overdue part returns; 0 turns it off (tests).</summary>
    public int OverdueIntervalSeconds { get; set; } = 900;
}

/// <summary>Wakes every <c>Stock:OverdueIntervalSeconds</c> and charges the part returns overdue today.</summary>
public sealed class PartReturnWorker(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<StockOptions> options,
    ILogger<PartReturnWorker> log) : PeriodicWorker(scopes, clock, log, options.Value.OverdueIntervalSeconds, "stock")
{
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<PartReturnJob>().ChargeOverdueAsync(services.GetRequiredService<LocalTime>().Today, ct);
}
