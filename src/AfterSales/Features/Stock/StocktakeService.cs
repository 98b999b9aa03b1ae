using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Inventory;
using AfterSales.Features.Identity;
using AfterSales.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Stock;

/// <summary>
/// Stocktakes (盘点): warehouse staff count a location; the differences against the ledger are shown, and approving
/// them (by someone other than the counter) writes count-adjustment movements.
/// </summary>
public sealed class StocktakeService(AppDbContext db, StockService stock, StockLedger ledger, TimeProvider clock)
{
    private void RequireManage(StockLocation location)
    {
        var scope = stock.Scope;
        if (!Policies.Allows(Policies.ManageStock, scope.Role) || !scope.SeesRegion(location.RegionId)) throw new ForbiddenException("StockReadOnly");
    }

    public async Task<Paged<StocktakeSummaryDto>> ListAsync(int page)
    {
        var visible = stock.Locations().Select(l => l.Id);
        return await Paged<StocktakeSummaryDto>.FromAsync(db.Stocktakes.AsNoTracking().Where(s => visible.Contains(s.LocationId))
            .OrderBy(s => s.State).ThenByDescending(s => s.StartedAt)
            .Select(s => new StocktakeSummaryDto(s.Id, s.LocationId, db.StockLocations.Where(l => l.Id == s.LocationId).Select(l => l.Name).First(), s.State,
                s.StartedAt, db.Staff.Where(x => x.Id == s.StartedById).Select(x => x.Name).First(), s.ApprovedAt)), page);
    }

    public async Task<int> StartAsync(StocktakeInput input)
    {
        var location = await stock.LocationAsync(input.LocationId);
        RequireManage(location);
        var take = new Stocktake(location.Id, stock.Scope.StaffId, clock.GetUtcNow());
        db.Stocktakes.Add(take);
        await db.SaveChangesAsync();
        return take.Id;
    }

    public async Task<StocktakeDto> GetAsync(int id)
    {
        var take = await LoadAsync(id);
        var location = await stock.LocationAsync(take.LocationId);
        var onHand = await ledger.BalancesAsync([location.Id]);
        var itemIds = onHand.Keys.Select(k => k.Item).Concat(take.Lines.Select(l => l.ItemId)).Distinct().ToList();
        var items = await db.StockItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).OrderBy(i => i.Kind).ThenBy(i => i.Code).ToListAsync();
        var names = await db.Staff.Where(s => s.Id == take.StartedById || s.Id == take.ApprovedById).ToDictionaryAsync(s => s.Id, s => s.Name);
        var lines = items.Select(i =>
        {
            var line = take.Lines.SingleOrDefault(l => l.ItemId == i.Id);
            var now = onHand.GetValueOrDefault((location.Id, i.Id));
            var basis = line?.Expected ?? now;
            return new StocktakeLineDto(i.Id, i.Code, i.Name, i.Unit, now, line?.Counted, line?.Expected, line is null ? null : line.Counted - basis);
        }).ToList();
        return new StocktakeDto(take.Id, location.Id, location.Name, take.State, take.StartedAt, names[take.StartedById], take.ApprovedAt,
            take.ApprovedById is { } a ? names[a] : null, lines, take.Version);
    }

    public async Task CountAsync(int id, CountInput input)
    {
        var take = await LoadAsync(id);
        RequireManage(await stock.LocationAsync(take.LocationId));
        foreach (var line in input.Lines ?? []) take.Count(line.ItemId, line.Counted);
        await db.SaveChangesAsync();
    }

    /// <summary>Approves the differences against the stock on hand now: each one a count-adjustment movement, in one transaction.</summary>
    public async Task ApproveAsync(int id, int? version = null)
    {
        var take = await LoadAsync(id);
        var location = await db.StockLocations.SingleAsync(l => l.Id == take.LocationId);
        RequireManage(location);
        if (version is { } v) db.ExpectVersion(take, v);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var onHand = new Dictionary<int, int>();
        foreach (var line in take.Lines.OrderBy(l => l.ItemId))
        {
            await ledger.LockAsync(location.Id, line.ItemId);
            onHand[line.ItemId] = await ledger.OnHandAsync(location.Id, line.ItemId);
        }
        var now = clock.GetUtcNow();
        var differences = take.Approve(onHand, stock.Scope.StaffId, now);
        await ledger.PostAsync([.. differences.Select(d => StockMovement.Adjustment(d.ItemId, location, d.Difference, take.Id, now, stock.Scope.StaffId))]);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private async Task<Stocktake> LoadAsync(int id)
    {
        var take = await db.Stocktakes.Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == id) ?? throw new NotFoundException();
        if (!await stock.Locations().AnyAsync(l => l.Id == take.LocationId)) throw new NotFoundException();
        return take;
    }
}
