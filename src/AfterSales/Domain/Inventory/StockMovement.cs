using AfterSales.Domain.Assessment;

namespace AfterSales.Domain.Inventory;

/// <summary>What a movement does; which locations it names follows from it (see <see cref="StockMovement"/>).</summary>
public enum MovementType
{
    /// <summary>Goods arrive at a warehouse from a supplier (入库).</summary>
    Receive,
    /// <summary>From a warehouse to a technician (领用 / 工具借出).</summary>
    Issue,
    /// <summary>Between two locations of the same kind (调拨).</summary>
    Transfer,
    /// <summary>Used on a job, out of the technician's stock (消耗).</summary>
    Consume,
    /// <summary>From a technician back to a warehouse: a tool returned, leftovers counted back (归还 / 余料退回).</summary>
    Return,
    /// <summary>A stocktake's approved difference, in or out (盘点调整).</summary>
    CountAdjustment,
    /// <summary>Gone: lost, broken beyond use (报损).</summary>
    WriteOff,
}

/// <summary>The state a tool comes back in (INV-1).</summary>
public enum ToolCondition { Good, Damaged, Lost }

/// <summary>
/// One entry of the stock ledger (库存流水): a quantity of an item leaving one location and/or arriving at another.
/// Entries are only ever added (corrections are new entries); the database refuses updates and deletes. A location's
/// stock on hand is the sum of what arrived minus what left, and a movement that would take it below zero is refused.
/// </summary>
public class StockMovement : Entity
{
    public const int MaxQuantity = 100_000;

    private StockMovement() { }

    private StockMovement(MovementType type, int itemId, int? fromLocationId, int? toLocationId, int quantity, DateTimeOffset at, int byId)
    {
        if (itemId <= 0) throw new DomainException("Required") { Field = nameof(ItemId) };
        if (quantity is <= 0 or > MaxQuantity) throw new DomainException("StockQuantityInvalid", MaxQuantity) { Field = nameof(Quantity) };
        if (fromLocationId is > 0 && fromLocationId == toLocationId) throw new DomainException("StockSameLocation") { Field = "ToLocationId" };
        Type = type;
        ItemId = itemId;
        FromLocationId = fromLocationId;
        ToLocationId = toLocationId;
        Quantity = quantity;
        At = at;
        ById = byId;
    }

    public static StockMovement Create(MovementType type, int itemId, StockLocation? from, StockLocation? to, int quantity, DateTimeOffset at, int byId,
        string? note = null)
    {
        // Which locations a movement names follows from its type; a form that names the wrong ones is told which is missing.
        var (needFrom, needTo) = type switch
        {
            MovementType.Receive => ((StockLocationKind?)null, (StockLocationKind?)StockLocationKind.Warehouse),
            MovementType.Issue => (StockLocationKind.Warehouse, StockLocationKind.Technician),
            MovementType.Transfer => (from?.Kind ?? StockLocationKind.Warehouse, from?.Kind ?? StockLocationKind.Warehouse),
            MovementType.Consume => (StockLocationKind.Technician, null),
            MovementType.Return => (StockLocationKind.Technician, StockLocationKind.Warehouse),
            MovementType.WriteOff => (from?.Kind ?? StockLocationKind.Warehouse, null),
            _ => throw new DomainException("StockMovementTypeInvalid") { Field = nameof(Type) },
        };
        Check(from, needFrom, "FromLocationId");
        Check(to, needTo, "ToLocationId");
        return new StockMovement(type, itemId, from?.Id, to?.Id, quantity, at, byId) { Note = Guard.Optional(note) };
    }

    /// <summary>A stocktake's approved difference: positive adds to the location, negative takes away.</summary>
    public static StockMovement Adjustment(int itemId, StockLocation location, int difference, int stocktakeId, DateTimeOffset at, int byId) =>
        difference == 0 ? throw new DomainException("StockQuantityInvalid", MaxQuantity) { Field = nameof(Quantity) }
        : new StockMovement(MovementType.CountAdjustment, itemId, difference < 0 ? location.Id : null, difference > 0 ? location.Id : null,
            Math.Abs(difference), at, byId) { StocktakeId = stocktakeId };

    private static void Check(StockLocation? location, StockLocationKind? needed, string field)
    {
        if (needed is null)
        {
            if (location is not null) throw new DomainException("StockLocationNotExpected") { Field = field };
            return;
        }
        if (location is null) throw new DomainException("Required") { Field = field };
        if (location.Kind != needed) throw new DomainException("StockLocationWrongKind", new LocalizedArgument("StockLocationKind." + needed)) { Field = field };
    }

    public MovementType Type { get; private set; }
    public int ItemId { get; private set; }
    public int? FromLocationId { get; private set; }
    public int? ToLocationId { get; private set; }
    public int Quantity { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int ById { get; private set; }
    public string? Note { get; private set; }

    /// <summary>The job the stock went to or came back from (consumed accessories, leftovers counted back, INV-2).</summary>
    public int? WorkOrderId { get; private set; }
    /// <summary>A consumed line the customer asked for and is billed for on the fee receipt (FEE-1).</summary>
    public bool Billable { get; private set; }
    /// <summary>The condition a tool came back in (INV-1).</summary>
    public ToolCondition? Condition { get; private set; }
    public int? StocktakeId { get; private set; }
    /// <summary>The incident that charges the holder for a damaged or lost tool (INV-1, ASM-10).</summary>
    public int? IncidentId { get; private set; }
    public Incident? Incident { get; private set; }

    public StockMovement ForJob(int? workOrderId, bool billable = false)
    {
        WorkOrderId = workOrderId;
        Billable = billable && Type == MovementType.Consume;
        return this;
    }

    public StockMovement WithCondition(ToolCondition condition, Incident? charge)
    {
        Condition = condition;
        Incident = charge;
        return this;
    }
}
