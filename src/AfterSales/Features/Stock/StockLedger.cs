using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Stock;

/// <summary>
/// The only writer of the stock ledger (INV-1…INV-3). Stock on hand at a location is what arrived there minus what
/// left, summed over the ledger; a batch of movements is checked and appended in one transaction, so a location never
/// goes below zero. Two people taking the last item at the same moment: on PostgreSQL each (location, item) taken from
/// is locked for the transaction (an advisory lock, in a fixed order), so the second waits, then sees the first's entry
/// and is refused; on SQLite the transaction holds the single write lock from its start.
/// </summary>
public sealed class StockLedger(AppDbContext db)
{
    /// <summary>Stock on hand of one item at one location, from the ledger.</summary>
    public async Task<int> OnHandAsync(int locationId, int itemId, CancellationToken ct = default)
    {
        var arrived = await db.StockMovements.Where(m => m.ToLocationId == locationId && m.ItemId == itemId).SumAsync(m => m.Quantity, ct);
        var left = await db.StockMovements.Where(m => m.FromLocationId == locationId && m.ItemId == itemId).SumAsync(m => m.Quantity, ct);
        return arrived - left;
    }

    /// <summary>Stock on hand of every item at the given locations (only what is not zero).</summary>
    public async Task<Dictionary<(int Location, int Item), int>> BalancesAsync(IReadOnlyCollection<int> locationIds, CancellationToken ct = default)
    {
        var arrived = await db.StockMovements.Where(m => m.ToLocationId != null && locationIds.Contains(m.ToLocationId.Value))
            .GroupBy(m => new { Location = m.ToLocationId!.Value, m.ItemId }).Select(g => new { g.Key.Location, g.Key.ItemId, Quantity = g.Sum(m => m.Quantity) })
            .ToListAsync(ct);
        var left = await db.StockMovements.Where(m => m.FromLocationId != null && locationIds.Contains(m.FromLocationId.Value))
            .GroupBy(m => new { Location = m.FromLocationId!.Value, m.ItemId }).Select(g => new { g.Key.Location, g.Key.ItemId, Quantity = g.Sum(m => m.Quantity) })
            .ToListAsync(ct);
        var balances = new Dictionary<(int, int), int>();
        foreach (var a in arrived) balances[(a.Location, a.ItemId)] = a.Quantity;
        foreach (var l in left) balances[(l.Location, l.ItemId)] = balances.GetValueOrDefault((l.Location, l.ItemId)) - l.Quantity;
        return balances.Where(b => b.Value != 0).ToDictionary(b => b.Key, b => b.Value);
    }

    /// <summary>Holds the (location, item) for the rest of the transaction: PostgreSQL only; SQLite's transaction already holds the write lock.</summary>
    public async Task LockAsync(int locationId, int itemId, CancellationToken ct = default)
    {
        if (db.IsPostgres) await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({locationId}, {itemId})", ct);
    }

    /// <summary>
    /// Checks and appends the movements, with whatever else the unit of work holds (an incident, a part return …), in one
    /// transaction. Refused with <c>StockInsufficient</c> and nothing written when a location would go below zero.
    /// </summary>
    public async Task PostAsync(IReadOnlyList<StockMovement> movements, CancellationToken ct = default)
    {
        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var taken = movements.Where(m => m.FromLocationId is not null)
                .GroupBy(m => (Location: m.FromLocationId!.Value, m.ItemId))
                .Select(g => (g.Key.Location, g.Key.ItemId, Quantity: g.Sum(m => m.Quantity)))
                .OrderBy(t => t.Location).ThenBy(t => t.ItemId).ToList();
            foreach (var (location, item, quantity) in taken)
            {
                await LockAsync(location, item, ct);
                var onHand = await OnHandAsync(location, item, ct);
                if (onHand < quantity)
                {
                    var itemName = await db.StockItems.Where(i => i.Id == item).Select(i => i.Name).SingleAsync(ct);
                    var locationName = await db.StockLocations.Where(l => l.Id == location).Select(l => l.Name).SingleAsync(ct);
                    throw new DomainException("StockInsufficient", itemName, locationName, onHand, quantity) { Field = nameof(StockMovement.Quantity) };
                }
            }
            db.StockMovements.AddRange(movements);
            await db.SaveChangesAsync(ct);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(ct);
        }
        catch
        {
            // Nothing of a refused batch stays in the unit of work: a page that shows the error saves nothing by accident.
            foreach (var movement in movements) db.Entry(movement).State = EntityState.Detached;
            throw;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }
}
