namespace AfterSales.Domain.Inventory;

/// <summary>What a stock item is (工具 / 配件 / 辅料 / 材料): tools are issued and come back; parts and accessories are used up.</summary>
public enum StockItemKind { Tool, Part, Accessory, Material }

/// <summary>
/// One kind of thing the company keeps in stock (a tool, a spare part, an accessory): its code, unit and original
/// price. The price is what a lost or unreturned one costs the holder (ASM-10) and what a customer is billed for one
/// used at their request (FEE-1).
/// </summary>
public class StockItem : Entity
{
    public const int CodeMaxLength = 30;
    public const int NameMaxLength = 100;
    public const int UnitMaxLength = 10;

    private StockItem() { }

    public StockItem(string code, string name, StockItemKind kind, string unit, decimal unitPrice)
    {
        Code = Guard.MaxLength(Guard.Required(code, nameof(Code)).ToUpperInvariant(), CodeMaxLength, nameof(Code));
        Update(name, kind, unit, unitPrice);
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public StockItemKind Kind { get; private set; }
    public string Unit { get; private set; } = "";
    public decimal UnitPrice { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>Replaced parts of this kind must be shipped back to the company (INV-3).</summary>
    public bool MustBeReturned => Kind == StockItemKind.Part;

    public void Update(string name, StockItemKind kind, string unit, decimal unitPrice)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("Required") { Field = nameof(Kind) };
        if (unitPrice < 0) throw new DomainException("AmountNegative") { Field = nameof(UnitPrice) };
        Name = Guard.MaxLength(Guard.Required(name, nameof(Name)), NameMaxLength, nameof(Name));
        Kind = kind;
        Unit = Guard.MaxLength(Guard.Required(unit, nameof(Unit)), UnitMaxLength, nameof(Unit));
        UnitPrice = decimal.Round(unitPrice, 2);
    }

    /// <summary>No longer issued or moved; its history stays.</summary>
    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;
}

public enum StockLocationKind
{
    /// <summary>A company warehouse (仓库) of a region.</summary>
    Warehouse,
    /// <summary>What one technician carries (bag or van): what they hold is theirs to account for.</summary>
    Technician,
}

/// <summary>A place stock is kept: a region's warehouse, or one technician's own stock.</summary>
public class StockLocation : Entity
{
    private StockLocation() { }

    private StockLocation(string name, StockLocationKind kind, int regionId, int? technicianId)
    {
        if (regionId <= 0) throw new DomainException("Required") { Field = nameof(RegionId) };
        Name = Guard.Required(name, nameof(Name));
        Kind = kind;
        RegionId = regionId;
        TechnicianId = technicianId;
    }

    public static StockLocation Warehouse(string name, int regionId) => new(name, StockLocationKind.Warehouse, regionId, null);

    public static StockLocation OfTechnician(string name, int technicianId, int regionId)
    {
        if (technicianId <= 0) throw new DomainException("Required") { Field = nameof(TechnicianId) };
        return new(name, StockLocationKind.Technician, regionId, technicianId);
    }

    public string Name { get; private set; } = "";
    public StockLocationKind Kind { get; private set; }
    public int RegionId { get; private set; }
    public int? TechnicianId { get; private set; }
}
