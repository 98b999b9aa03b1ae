namespace AfterSales.Domain.Inventory;

public enum StocktakeState { Counting, Approved }

/// <summary>
/// A count of one location (盘点): the counted quantity per item beside what the ledger says; approving it writes the
/// differences as count-adjustment movements, so the ledger stays the only source of stock on hand.
/// </summary>
public class Stocktake : Entity
{
    private readonly List<StocktakeLine> _lines = [];

    private Stocktake() { }

    public Stocktake(int locationId, int startedById, DateTimeOffset at)
    {
        LocationId = locationId;
        StartedById = startedById;
        StartedAt = at;
    }

    public int LocationId { get; private set; }
    public int StartedById { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public StocktakeState State { get; private set; }
    public int? ApprovedById { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public IReadOnlyCollection<StocktakeLine> Lines => _lines.AsReadOnly();

    public void Count(int itemId, int counted)
    {
        if (State != StocktakeState.Counting) throw new ConflictException("StocktakeApproved");
        if (counted is < 0 or > StockMovement.MaxQuantity) throw new DomainException("StockQuantityInvalid", StockMovement.MaxQuantity) { Field = "Counted" };
        var line = _lines.SingleOrDefault(l => l.ItemId == itemId);
        if (line is null) _lines.Add(new StocktakeLine(this, itemId, counted));
        else line.Counted = counted;
    }

    /// <summary>Approves the count against the stock on hand now; each difference is recorded on its line and returned.</summary>
    public IReadOnlyList<(int ItemId, int Difference)> Approve(IReadOnlyDictionary<int, int> onHand, int byId, DateTimeOffset at)
    {
        if (State != StocktakeState.Counting) throw new ConflictException("StocktakeApproved");
        if (_lines.Count == 0) throw new DomainException("StocktakeEmpty");
        if (byId == StartedById) throw new ForbiddenException("StocktakeOwnApproval");
        var differences = new List<(int, int)>();
        foreach (var line in _lines)
        {
            line.Expected = onHand.GetValueOrDefault(line.ItemId);
            if (line.Counted != line.Expected) differences.Add((line.ItemId, line.Counted - line.Expected.Value));
        }
        State = StocktakeState.Approved;
        ApprovedById = byId;
        ApprovedAt = at;
        return differences;
    }
}

public class StocktakeLine : Entity
{
    private StocktakeLine() { }

    internal StocktakeLine(Stocktake stocktake, int itemId, int counted)
    {
        Stocktake = stocktake;
        ItemId = itemId;
        Counted = counted;
    }

    public int StocktakeId { get; private set; }
    public Stocktake Stocktake { get; private set; } = null!;
    public int ItemId { get; private set; }
    public int Counted { get; internal set; }
    /// <summary>What the ledger said when the count was approved.</summary>
    public int? Expected { get; internal set; }
}
