namespace AfterSales.Domain.Inventory;

public enum GoodsCheckState
{
    /// <summary>Missing parts or damage found and not yet resolved: the goods may not be loaded (VIS-1).</summary>
    Blocked,
    /// <summary>Everything there and whole.</summary>
    Passed,
    /// <summary>Loaded on the van for the installation.</summary>
    Loaded,
}

/// <summary>
/// The goods of an installation unboxed and checked before loading (VIS-1, 开箱验货): per product, how many were
/// expected, missing and damaged. A check with a problem blocks loading until every problem line is resolved
/// (replacement arrived, part found …) with a note.
/// </summary>
public class GoodsCheck : Entity
{
    private readonly List<GoodsCheckLine> _lines = [];

    private GoodsCheck() { }

    public GoodsCheck(int workOrderId, int checkedById, DateTimeOffset at)
    {
        WorkOrderId = workOrderId;
        CheckedById = checkedById;
        CheckedAt = at;
    }

    public int WorkOrderId { get; private set; }
    public int CheckedById { get; private set; }
    public DateTimeOffset CheckedAt { get; private set; }
    public GoodsCheckState State { get; private set; }
    public DateTimeOffset? LoadedAt { get; private set; }
    public int? LoadedById { get; private set; }
    public IReadOnlyCollection<GoodsCheckLine> Lines => _lines.AsReadOnly();

    public bool HasOpenProblem => _lines.Any(l => l.IsProblem && l.ResolvedAt is null);

    /// <summary>Records (or records again, before loading) what was found.</summary>
    public void Record(IEnumerable<(int? ProductId, string Description, int Expected, int Missing, int Damaged, string? Note)> lines, int byId, DateTimeOffset at)
    {
        if (State == GoodsCheckState.Loaded) throw new ConflictException("GoodsAlreadyLoaded");
        var list = lines.ToList();
        if (list.Count == 0) throw new DomainException("GoodsCheckEmpty") { Field = "Lines" };
        _lines.Clear();
        foreach (var (line, i) in list.Select((l, i) => (l, i)))
            _lines.Add(new GoodsCheckLine(this, i + 1, line.ProductId, line.Description, line.Expected, line.Missing, line.Damaged, line.Note));
        CheckedById = byId;
        CheckedAt = at;
        State = HasOpenProblem ? GoodsCheckState.Blocked : GoodsCheckState.Passed;
    }

    /// <summary>A problem line is settled (replacement arrived, part found): with what was done.</summary>
    public void Resolve(int position, string? resolution, int byId, DateTimeOffset at)
    {
        if (State == GoodsCheckState.Loaded) throw new ConflictException("GoodsAlreadyLoaded");
        var line = _lines.SingleOrDefault(l => l.Position == position) ?? throw new NotFoundException();
        line.Resolve(resolution, byId, at);
        State = HasOpenProblem ? GoodsCheckState.Blocked : GoodsCheckState.Passed;
    }

    /// <summary>VIS-1: loading is refused while a missing part or damage is unresolved.</summary>
    public void Load(int byId, DateTimeOffset at)
    {
        if (State == GoodsCheckState.Loaded) return;
        if (HasOpenProblem) throw new ConflictException("GoodsCheckUnresolved");
        LoadedAt = at;
        LoadedById = byId;
        State = GoodsCheckState.Loaded;
    }
}

public class GoodsCheckLine : Entity
{
    private GoodsCheckLine() { }

    internal GoodsCheckLine(GoodsCheck check, int position, int? productId, string description, int expected, int missing, int damaged, string? note)
    {
        if (expected < 0 || missing < 0 || damaged < 0 || missing + damaged > expected)
            throw new DomainException("GoodsCheckCountsInvalid") { Field = $"Lines[{position - 1}]" };
        Check = check;
        Position = position;
        ProductId = productId;
        Description = Guard.Required(description, "Description");
        Expected = expected;
        Missing = missing;
        Damaged = damaged;
        Note = Guard.Optional(note);
        if (IsProblem && Note is null) throw new DomainException("GoodsProblemNeedsNote") { Field = $"Lines[{position - 1}]" };
    }

    public int GoodsCheckId { get; private set; }
    public GoodsCheck Check { get; private set; } = null!;
    public int Position { get; private set; }
    public int? ProductId { get; private set; }
    public string Description { get; private set; } = "";
    public int Expected { get; private set; }
    public int Missing { get; private set; }
    public int Damaged { get; private set; }
    public string? Note { get; private set; }
    public string? Resolution { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public int? ResolvedById { get; private set; }

    public bool IsProblem => Missing > 0 || Damaged > 0;

    internal void Resolve(string? resolution, int byId, DateTimeOffset at)
    {
        if (!IsProblem || ResolvedAt is not null) throw new ConflictException("GoodsLineNotOpen");
        Resolution = Guard.Required(resolution, nameof(Resolution));
        ResolvedAt = at;
        ResolvedById = byId;
    }
}
