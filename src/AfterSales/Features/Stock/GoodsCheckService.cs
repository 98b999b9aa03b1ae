using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Inventory;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Stock;

/// <summary>
/// VIS-1: an installation's goods unboxed and checked before loading. A missing part or damage blocks loading (and
/// the checklist line "goods unboxed and checked", so departure too) until it is resolved; loading ticks that line.
/// </summary>
public sealed class GoodsCheckService(AppDbContext db, StockService stock, TimeProvider clock)
{
    /// <summary>The checklist line of an installation that loading ticks (see WorkOrderPolicy).</summary>
    public const string ChecklistCode = "GoodsUnboxedChecked";

    public async Task<GoodsCheckDto?> GetAsync(int workOrderId)
    {
        var check = await db.GoodsChecks.AsNoTracking().Include(g => g.Lines).SingleOrDefaultAsync(g => g.WorkOrderId == workOrderId);
        if (check is null) return null;
        var by = await db.Staff.Where(s => s.Id == check.CheckedById).Select(s => s.Name).SingleAsync();
        return new GoodsCheckDto(check.Id, check.WorkOrderId, check.State, check.CheckedAt, by, check.LoadedAt,
            [.. check.Lines.OrderBy(l => l.Position).Select(l => new GoodsLineDto(l.Position, l.ProductId, l.Description, l.Expected, l.Missing, l.Damaged,
                l.Note, l.Resolution, l.ResolvedAt, l.IsProblem && l.ResolvedAt is null))], check.Version);
    }

    /// <summary>What the job says should be in the boxes: its products and quantities.</summary>
    public async Task<List<GoodsLineInput>> ExpectedAsync(int workOrderId) =>
        await db.WorkOrderItems.AsNoTracking().Where(i => i.WorkOrderId == workOrderId && i.ProductId != null).OrderBy(i => i.Id)
            .Select(i => new GoodsLineInput(i.ProductId, db.Products.Where(p => p.Id == i.ProductId).Select(p => p.Name).First(), i.Quantity, 0, 0, null))
            .ToListAsync();

    public async Task RecordAsync(WorkOrder order, GoodsCheckInput input)
    {
        if (order.Kind != WorkOrderKind.Installation) throw new DomainException("GoodsCheckOnlyForInstallations");
        var expected = await ExpectedAsync(order.Id);
        var lines = input.Lines ?? [];
        var now = clock.GetUtcNow();
        var check = await db.GoodsChecks.Include(g => g.Lines).SingleOrDefaultAsync(g => g.WorkOrderId == order.Id);
        if (check is null)
        {
            check = new GoodsCheck(order.Id, stock.Scope.StaffId, now);
            db.GoodsChecks.Add(check);
        }
        // A line of the job's products keeps the product's name; the person only says what is missing or damaged.
        check.Record(lines.Select(l =>
        {
            var known = expected.FirstOrDefault(e => e.ProductId is not null && e.ProductId == l.ProductId);
            return (l.ProductId, known?.Description ?? l.Description ?? "", known?.Expected ?? l.Expected, l.Missing, l.Damaged, l.Note);
        }), stock.Scope.StaffId, now);
        if (check.State == GoodsCheckState.Blocked) Tick(order, false, now);
        await db.SaveChangesAsync();
    }

    public async Task ResolveAsync(WorkOrder order, GoodsResolveInput input)
    {
        var check = await db.GoodsChecks.Include(g => g.Lines).SingleOrDefaultAsync(g => g.WorkOrderId == order.Id) ?? throw new NotFoundException();
        check.Resolve(input.Position, input.Resolution, stock.Scope.StaffId, clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    /// <summary>Loads the goods: refused while a problem is open; ticks the job's "goods unboxed and checked" line.</summary>
    public async Task LoadAsync(WorkOrder order)
    {
        var check = await db.GoodsChecks.Include(g => g.Lines).SingleOrDefaultAsync(g => g.WorkOrderId == order.Id)
            ?? throw new ConflictException("GoodsNotChecked");
        var now = clock.GetUtcNow();
        check.Load(stock.Scope.StaffId, now);
        Tick(order, true, now);
        await db.SaveChangesAsync();
    }

    private void Tick(WorkOrder order, bool done, DateTimeOffset at)
    {
        // The checklist can only change before departure; after it, the check is history and the line stays as it was.
        if (order.State is not (WorkOrderState.New or WorkOrderState.Contacted or WorkOrderState.Scheduled or WorkOrderState.WaitingForDepartment)) return;
        foreach (var line in order.Checklist.Where(c => c.Code == ChecklistCode && c.Phase == ChecklistPhase.PreDeparture && c.IsDone != done))
            order.SetChecklistItem(line.Id, done, at, stock.Scope.StaffId);
    }
}
