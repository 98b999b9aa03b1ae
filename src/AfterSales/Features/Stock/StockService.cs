using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Inventory;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Stock;

/// <summary>
/// Stock locations, items and movements (INV-1, INV-2), shared by the pages and the API so both apply the same rules.
/// A technician sees and moves only their own stock; warehouse staff and managers their region's; head office all.
/// A location the caller may not see is a 404.
/// </summary>
public sealed class StockService(AppDbContext db, StockLedger ledger, IHttpContextAccessor http, TimeProvider clock, IncidentService incidents)
{
    private ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No signed-in user.");
    public AccessScope Scope => AccessScope.From(User);

    public bool MayManage => Policies.Allows(Policies.ManageStock, Scope.Role);
    public bool MayView => Policies.Allows(Policies.ViewStock, Scope.Role);

    /// <summary>The locations the caller sees: their own stock; with the stock capabilities, their region's or all.</summary>
    public IQueryable<StockLocation> Locations()
    {
        var scope = Scope;
        var locations = db.StockLocations.AsNoTracking();
        if (!Policies.Allows(Policies.ViewStock, scope.Role)) return locations.Where(l => l.TechnicianId == scope.StaffId);
        if (scope.SeesAllRegions) return locations;
        return locations.Where(l => l.RegionId == scope.RegionId || l.TechnicianId == scope.StaffId);
    }

    public async Task<StockLocation> LocationAsync(int id) =>
        await Locations().SingleOrDefaultAsync(l => l.Id == id) ?? throw new NotFoundException();

    /// <summary>The caller's own stock (bag or van), made on first use for a technician.</summary>
    public async Task<StockLocation?> MyLocationAsync(bool create = false)
    {
        var scope = Scope;
        var mine = await db.StockLocations.SingleOrDefaultAsync(l => l.TechnicianId == scope.StaffId);
        if (mine is not null || !create || scope.Role != StaffRole.Technician) return mine;
        return await TechnicianLocationAsync(scope.StaffId);
    }

    /// <summary>A technician's own stock, made when first needed (an issue to someone who never held anything).</summary>
    public async Task<StockLocation> TechnicianLocationAsync(int technicianId)
    {
        var existing = await db.StockLocations.SingleOrDefaultAsync(l => l.TechnicianId == technicianId);
        if (existing is not null) return existing;
        var technician = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == technicianId && s.Role == StaffRole.Technician)
            ?? throw new DomainException("StockTechnicianNotFound") { Field = "TechnicianId" };
        var regionId = technician.RegionId ?? throw new DomainException("IncidentNeedsRegion") { Field = "TechnicianId" };
        var location = StockLocation.OfTechnician(StockText.Company("TechnicianStockName", technician.Name), technician.Id, regionId);
        db.StockLocations.Add(location);
        await db.SaveChangesAsync();
        return location;
    }

    private void RequireManage(StockLocation? location)
    {
        var scope = Scope;
        if (!Policies.Allows(Policies.ManageStock, scope.Role)) throw new ForbiddenException("StockReadOnly");
        if (location is not null && !scope.SeesRegion(location.RegionId)) throw new ForbiddenException("StockReadOnly");
    }

    // ---- items ----

    public IQueryable<StockItemDto> Items(string? q = null, StockItemKind? kind = null, int? id = null, bool activeOnly = false)
    {
        var items = db.StockItems.AsNoTracking();
        if (activeOnly) items = items.Where(i => i.IsActive);
        if (id is not null) items = items.Where(i => i.Id == id);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var s = q.Trim();
            items = items.Where(i => i.Code.Contains(s.ToUpper()) || i.Name.Contains(s));
        }
        if (kind is { } k) items = items.Where(i => i.Kind == k);
        return items.OrderBy(i => i.Kind).ThenBy(i => i.Code)
            .Select(i => new StockItemDto(i.Id, i.Code, i.Name, i.Kind, i.Unit, i.UnitPrice, i.IsActive, i.Version));
    }

    public async Task<int> CreateItemAsync(StockItemInput input)
    {
        RequireManage(null);
        var code = Guard.Required(input.Code, nameof(input.Code)).ToUpperInvariant();
        if (await db.StockItems.AnyAsync(i => i.Code == code)) throw new DomainException("StockItemCodeTaken", code) { Field = nameof(input.Code) };
        var item = new StockItem(code, input.Name ?? "", input.Kind, input.Unit ?? "", input.UnitPrice);
        db.StockItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    /// <summary>Name, kind, unit and price change; the code does not (it is on labels and in the ledger's exports).</summary>
    public async Task UpdateItemAsync(int id, StockItemInput input)
    {
        RequireManage(null);
        var item = await db.StockItems.SingleOrDefaultAsync(i => i.Id == id) ?? throw new NotFoundException();
        db.ExpectVersion(item, input.Version);
        item.Update(input.Name ?? "", input.Kind, input.Unit ?? "", input.UnitPrice);
        if (input.IsActive) item.Reactivate();
        else item.Deactivate();
        await db.SaveChangesAsync();
    }

    // ---- locations and stock on hand ----

    public async Task<List<LocationDto>> LocationsAsync(StockLocationKind? kind = null)
    {
        var query = Locations();
        if (kind is { } k) query = query.Where(l => l.Kind == k);
        // Kinds are stored by name: sorted here so that a region's warehouses come before its technicians.
        var locations = (await query
            .Select(l => new { l.Id, l.Name, l.Kind, l.RegionId, Region = db.Regions.Where(r => r.Id == l.RegionId).Select(r => r.Name).First(), l.TechnicianId })
            .ToListAsync()).OrderBy(l => l.RegionId).ThenBy(l => l.Kind).ThenBy(l => l.Name, StringComparer.Ordinal).ToList();
        var balances = await ledger.BalancesAsync([.. locations.Select(l => l.Id)]);
        return [.. locations.Select(l =>
        {
            var mine = balances.Where(b => b.Key.Location == l.Id).ToList();
            return new LocationDto(l.Id, l.Name, l.Kind, l.RegionId, l.Region, l.TechnicianId, mine.Count, mine.Sum(b => b.Value));
        })];
    }

    public async Task<LocationStockDto> StockAsync(int locationId)
    {
        var location = await LocationAsync(locationId);
        var all = await LocationsAsync();
        return new LocationStockDto(all.Single(l => l.Id == location.Id), await OnHandAsync(location.Id));
    }

    public async Task<List<OnHandDto>> OnHandAsync(int locationId)
    {
        var balances = await ledger.BalancesAsync([locationId]);
        var ids = balances.Keys.Select(k => k.Item).ToList();
        var items = await db.StockItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync();
        return [.. items.OrderBy(i => i.Kind).ThenBy(i => i.Code)
            .Select(i => new OnHandDto(i.Id, i.Code, i.Name, i.Kind, i.Unit, i.UnitPrice, balances[(locationId, i.Id)]))];
    }

    public async Task<Paged<MovementDto>> MovementsAsync(int locationId, int page, int pageSize = Paged<MovementDto>.DefaultPageSize)
    {
        var location = await LocationAsync(locationId);
        return await Paged<MovementDto>.FromAsync(Project(db.StockMovements.AsNoTracking()
            .Where(m => m.FromLocationId == location.Id || m.ToLocationId == location.Id)), page, pageSize);
    }

    internal IQueryable<MovementDto> Project(IQueryable<StockMovement> movements) =>
        movements.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Select(m => new MovementDto(m.Id, m.At, m.Type, m.ItemId,
            db.StockItems.Where(i => i.Id == m.ItemId).Select(i => i.Name).First(), db.StockItems.Where(i => i.Id == m.ItemId).Select(i => i.Unit).First(),
            m.FromLocationId, db.StockLocations.Where(l => l.Id == m.FromLocationId).Select(l => l.Name).FirstOrDefault(),
            m.ToLocationId, db.StockLocations.Where(l => l.Id == m.ToLocationId).Select(l => l.Name).FirstOrDefault(),
            m.Quantity, db.Staff.Where(s => s.Id == m.ById).Select(s => s.Name).First(), m.Note, m.WorkOrderId, m.Billable, m.Condition, m.IncidentId));

    /// <summary>Receive, issue, transfer or write off (warehouse staff); the ledger checks stock on hand.</summary>
    public async Task<int> MoveAsync(MovementInput input)
    {
        if (input.Type is MovementType.Consume or MovementType.CountAdjustment)
            throw new DomainException("StockMovementTypeInvalid") { Field = nameof(input.Type) };
        var from = input.FromLocationId is { } f ? await Tracked(f, nameof(input.FromLocationId)) : null;
        var to = input.ToLocationId is { } t ? await Tracked(t, nameof(input.ToLocationId)) : null;
        // Warehouse staff work in their region's warehouses; a transfer to another region's warehouse is theirs to send.
        RequireManage(from ?? to);
        if (from is null && to is not null) RequireManage(to);
        var item = await ItemAsync(input.ItemId);
        if (input.WorkOrderId is { } job && !await db.WorkOrders.AnyAsync(w => w.Id == job))
            throw new DomainException("StockWorkOrderNotFound", $"WO{job:000000}") { Field = nameof(input.WorkOrderId) };
        var movement = StockMovement.Create(input.Type, item.Id, from, to, input.Quantity, clock.GetUtcNow(), Scope.StaffId, input.Note).ForJob(input.WorkOrderId);
        await ledger.PostAsync([movement]);
        return movement.Id;
    }

    private async Task<StockLocation> Tracked(int id, string field)
    {
        var visible = await Locations().AnyAsync(l => l.Id == id);
        if (!visible) throw new DomainException("StockLocationNotFound") { Field = field };
        return await db.StockLocations.SingleAsync(l => l.Id == id);
    }

    private async Task<StockItem> ItemAsync(int id) =>
        await db.StockItems.SingleOrDefaultAsync(i => i.Id == id && i.IsActive) ?? throw new DomainException("StockItemNotFound") { Field = "ItemId" };

    // ---- tools (INV-1) ----

    /// <summary>Who holds which tools now: every tool on hand at a technician's stock the caller sees.</summary>
    public async Task<List<ToolHoldingDto>> ToolHoldingsAsync(int? technicianId = null)
    {
        var locations = await Locations().Where(l => l.Kind == StockLocationKind.Technician)
            .Where(l => technicianId == null || l.TechnicianId == technicianId)
            .Select(l => new { l.Id, TechnicianId = l.TechnicianId!.Value, Name = db.Staff.Where(s => s.Id == l.TechnicianId).Select(s => s.Name).First() })
            .ToListAsync();
        var balances = await ledger.BalancesAsync([.. locations.Select(l => l.Id)]);
        var tools = await db.StockItems.AsNoTracking().Where(i => i.Kind == StockItemKind.Tool).ToDictionaryAsync(i => i.Id);
        var ids = locations.Select(l => l.Id).ToList();
        var lastIssued = await db.StockMovements.AsNoTracking()
            .Where(m => m.Type == MovementType.Issue && m.ToLocationId != null && ids.Contains(m.ToLocationId.Value))
            .GroupBy(m => new { m.ToLocationId, m.ItemId }).Select(g => new { g.Key.ToLocationId, g.Key.ItemId, At = g.Max(m => m.At) }).ToListAsync();
        return [.. from b in balances
                   where tools.ContainsKey(b.Key.Item) && b.Value > 0
                   let location = locations.Single(l => l.Id == b.Key.Location)
                   let tool = tools[b.Key.Item]
                   orderby location.Name, tool.Code
                   select new ToolHoldingDto(location.Id, location.TechnicianId, location.Name, tool.Id, tool.Code, tool.Name, b.Value, tool.UnitPrice,
                       lastIssued.Where(x => x.ToLocationId == location.Id && x.ItemId == tool.Id).Select(x => (DateTimeOffset?)x.At).FirstOrDefault())];
    }

    public async Task<int> IssueToolAsync(ToolIssueInput input)
    {
        var item = await ItemAsync(input.ItemId);
        if (item.Kind != StockItemKind.Tool) throw new DomainException("StockNotATool") { Field = nameof(input.ItemId) };
        var holder = await TechnicianLocationAsync(input.TechnicianId);
        RequireManage(holder);
        var from = input.FromLocationId is { } f ? await Tracked(f, nameof(input.FromLocationId)) : await RegionWarehouseAsync(holder.RegionId, nameof(input.FromLocationId));
        RequireManage(from);
        var movement = StockMovement.Create(MovementType.Issue, item.Id, from, holder, input.Quantity, clock.GetUtcNow(), Scope.StaffId, input.Note);
        await ledger.PostAsync([movement]);
        return movement.Id;
    }

    /// <summary>
    /// A tool comes back (INV-1): in good order it returns to the warehouse; damaged by misuse it returns and the holder is
    /// charged the amount the warehouse sets (<c>tool_damaged</c>); lost, it is written off the holder's stock and charged at
    /// its original price plus the fine (<c>part_not_returned</c>, ASM-10).
    /// </summary>
    public async Task<int> ReturnToolAsync(ToolReturnInput input)
    {
        var item = await ItemAsync(input.ItemId);
        if (item.Kind != StockItemKind.Tool) throw new DomainException("StockNotATool") { Field = nameof(input.ItemId) };
        var holder = await db.StockLocations.SingleOrDefaultAsync(l => l.TechnicianId == input.TechnicianId)
            ?? throw new DomainException("StockTechnicianHoldsNothing") { Field = nameof(input.TechnicianId) };
        RequireManage(holder);
        var now = clock.GetUtcNow();
        var technician = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == input.TechnicianId);
        StockMovement movement;
        switch (input.Condition)
        {
            case ToolCondition.Good:
            case ToolCondition.Damaged:
                var to = input.ToLocationId is { } t ? await Tracked(t, nameof(input.ToLocationId)) : await RegionWarehouseAsync(holder.RegionId, nameof(input.ToLocationId));
                RequireManage(to);
                movement = StockMovement.Create(MovementType.Return, item.Id, holder, to, input.Quantity, now, Scope.StaffId, input.Note);
                Incident? charge = null;
                if (input.Condition == ToolCondition.Damaged)
                {
                    if (input.Charge is not > 0) throw new DomainException("ToolDamageChargeRequired") { Field = nameof(input.Charge) };
                    if (string.IsNullOrWhiteSpace(input.Note)) throw new DomainException("Required") { Field = nameof(input.Note) };
                    charge = await incidents.AddAsync(new IncidentDraft
                    {
                        PersonId = technician.Id, RegionId = holder.RegionId, Kind = "tool_damaged", Source = "stock", At = now, Amount = input.Charge,
                        Description = StockText.Company("Incident.ToolDamaged", item.Code, item.Name, input.Quantity, input.Note!.Trim()),
                    }, Scope.StaffId);
                }
                movement.WithCondition(input.Condition, charge);
                break;
            case ToolCondition.Lost:
                movement = StockMovement.Create(MovementType.WriteOff, item.Id, holder, null, input.Quantity, now, Scope.StaffId, input.Note);
                var lost = await incidents.AddAsync(new IncidentDraft
                {
                    PersonId = technician.Id, RegionId = holder.RegionId, Kind = "part_not_returned", Source = "stock", At = now,
                    Amount = item.UnitPrice * input.Quantity,
                    Description = StockText.Company("Incident.ToolLost", item.Code, item.Name, input.Quantity, item.UnitPrice * input.Quantity),
                }, Scope.StaffId);
                movement.WithCondition(ToolCondition.Lost, lost);
                break;
            default:
                throw new DomainException("Required") { Field = nameof(input.Condition) };
        }
        await ledger.PostAsync([movement]);
        return movement.Id;
    }

    private async Task<StockLocation> RegionWarehouseAsync(int regionId, string field) =>
        await db.StockLocations.Where(l => l.RegionId == regionId && l.Kind == StockLocationKind.Warehouse).OrderBy(l => l.Id).FirstOrDefaultAsync()
        ?? throw new DomainException("StockNoWarehouse") { Field = field };

    // ---- a job's materials (INV-2, INV-3, FEE-1) ----

    /// <summary>The job, if the caller may read it (404 otherwise), and whether they may work on it.</summary>
    public async Task<(WorkOrder Order, bool MayWork)> JobAsync(int workOrderId, IAuthorizationService authorization)
    {
        var order = await db.WorkOrders.Include(w => w.Checklist).SingleOrDefaultAsync(w => w.Id == workOrderId) ?? throw new NotFoundException();
        if (!(await authorization.AuthorizeAsync(User, order, Operations.Read)).Succeeded) throw new NotFoundException();
        var mayWork = (await authorization.AuthorizeAsync(User, order, Operations.Edit)).Succeeded;
        return (order, mayWork);
    }

    /// <summary>Accessories and parts used on the job, out of the job's technician's stock; each replaced part must be shipped back (INV-3).</summary>
    public async Task ConsumeAsync(WorkOrder order, ConsumeInput input, int partReturnDays, DateOnly today)
    {
        var technicianId = order.TechnicianId ?? throw new DomainException("WorkOrderHasNoTechnician");
        var holder = await TechnicianLocationAsync(technicianId);
        var lines = (input.Lines ?? []).Where(l => l.Quantity != 0).ToList();
        if (lines.Count == 0) throw new DomainException("StockNothingToDo") { Field = "Lines" };
        var now = clock.GetUtcNow();
        var movements = new List<StockMovement>();
        foreach (var line in lines)
        {
            var item = await ItemAsync(line.ItemId);
            if (item.Kind == StockItemKind.Tool) throw new DomainException("StockToolNotConsumed") { Field = "Lines" };
            movements.Add(StockMovement.Create(MovementType.Consume, item.Id, holder, null, line.Quantity, now, Scope.StaffId, input.Note)
                .ForJob(order.Id, line.Billable));
            if (item.MustBeReturned)
                db.PartReturns.Add(new PartReturn(item.Id, line.Quantity, technicianId, order.RegionId, order.Id, today, today.AddDays(partReturnDays), input.Note));
        }
        await ledger.PostAsync(movements);
    }

    /// <summary>
    /// INV-2: after the installation the leftovers are counted back into the warehouse; what was issued for the job and
    /// is neither back nor recorded as used is recorded as used now, so the job's materials balance.
    /// </summary>
    public async Task CountBackAsync(WorkOrder order, CountBackInput input)
    {
        var technicianId = order.TechnicianId ?? throw new DomainException("WorkOrderHasNoTechnician");
        var holder = await TechnicianLocationAsync(technicianId);
        var warehouse = await RegionWarehouseAsync(order.RegionId, "Lines");
        var materials = await MaterialsAsync(order.Id);
        var counted = (input.Lines ?? []).ToDictionary(l => l.ItemId, l => l.Quantity);
        if (counted.Values.Any(v => v < 0)) throw new DomainException("StockQuantityInvalid", StockMovement.MaxQuantity) { Field = "Lines" };
        var now = clock.GetUtcNow();
        var movements = new List<StockMovement>();
        foreach (var material in materials.Where(m => m.Outstanding > 0))
        {
            var back = counted.GetValueOrDefault(material.ItemId);
            if (back > material.Outstanding) throw new DomainException("StockCountBackTooMany", material.Name, material.Outstanding) { Field = "Lines" };
            if (back > 0) movements.Add(StockMovement.Create(MovementType.Return, material.ItemId, holder, warehouse, back, now, Scope.StaffId).ForJob(order.Id));
            if (material.Outstanding - back > 0)
                movements.Add(StockMovement.Create(MovementType.Consume, material.ItemId, holder, null, material.Outstanding - back, now, Scope.StaffId,
                    StockText.Company("CountBackUsed")).ForJob(order.Id));
        }
        if (movements.Count == 0) throw new DomainException("StockNothingToCountBack") { Field = "Lines" };
        await ledger.PostAsync(movements);
    }

    public async Task<List<JobMaterialDto>> MaterialsAsync(int workOrderId)
    {
        var rows = await db.StockMovements.AsNoTracking().Where(m => m.WorkOrderId == workOrderId)
            .GroupBy(m => new { m.ItemId, m.Type }).Select(g => new { g.Key.ItemId, g.Key.Type, Quantity = g.Sum(m => m.Quantity),
                Billable = g.Where(m => m.Billable).Sum(m => m.Quantity) })
            .ToListAsync();
        var ids = rows.Select(r => r.ItemId).Distinct().ToList();
        var items = await db.StockItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync();
        int Sum(int item, MovementType type) => rows.Where(r => r.ItemId == item && r.Type == type).Sum(r => r.Quantity);
        return [.. items.Where(i => i.Kind != StockItemKind.Tool).OrderBy(i => i.Code).Select(i =>
        {
            var issued = Sum(i.Id, MovementType.Issue);
            var consumed = Sum(i.Id, MovementType.Consume);
            var returned = Sum(i.Id, MovementType.Return);
            return new JobMaterialDto(i.Id, i.Code, i.Name, i.Kind, i.Unit, i.UnitPrice, issued, consumed, returned,
                Math.Max(0, issued - consumed - returned), rows.Where(r => r.ItemId == i.Id).Sum(r => r.Billable));
        })];
    }
}
