namespace AfterSales.Domain.Fees;

public enum PaymentMethod { Cash, Transfer, Other }

public enum ReceiptState { Draft, Signed, Voided }

/// <summary>What a line bills: a material or accessory, or a service. There is no kind for money advanced for the customer (FEE-2).</summary>
public enum ReceiptLineKind { Material, Service }

/// <summary>
/// A receipt (收费单, FEE-1) for extra materials or services the customer asked for on a job: each line with its
/// quantity, unit price and total. Its number (FJ-2026-000123) is allocated from a gap-free series per region and year.
/// Once the customer has signed it, nothing on it changes (REC-3); a wrong receipt is voided with a reason, never deleted.
/// </summary>
public class Receipt : Entity
{
    public const int MaxLines = 50;
    public const int MaxSignatureBytes = 512 * 1024;

    private readonly List<ReceiptLine> _lines = [];

    private Receipt() { }

    public Receipt(ReceiptNumber number, int workOrderId, int regionId, int technicianId, PaymentMethod paymentMethod,
        DateTimeOffset createdAt, int createdById)
    {
        if (workOrderId <= 0) throw new DomainException("Required") { Field = nameof(WorkOrderId) };
        if (technicianId <= 0) throw new DomainException("Required") { Field = nameof(TechnicianId) };
        Number = number.ToString();
        Series = number.Series;
        Year = number.Year;
        Sequence = number.Sequence;
        WorkOrderId = workOrderId;
        RegionId = regionId;
        TechnicianId = technicianId;
        PaymentMethod = CheckMethod(paymentMethod);
        CreatedAt = createdAt;
        CreatedById = createdById;
        State = ReceiptState.Draft;
    }

    public string Number { get; private set; } = "";
    public string Series { get; private set; } = "";
    public int Year { get; private set; }
    public int Sequence { get; private set; }
    public int WorkOrderId { get; private set; }
    public int RegionId { get; private set; }
    public int TechnicianId { get; private set; }
    public PaymentMethod PaymentMethod { get; private set; }
    public ReceiptState State { get; private set; }
    public decimal Total { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int CreatedById { get; private set; }

    /// <summary>The customer who signed, their signature (PNG) and when; the local day the money was collected (FEE-2).</summary>
    public string? SignedByName { get; private set; }
    public byte[]? Signature { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public DateOnly? SignedOn { get; private set; }

    public string? VoidReason { get; private set; }
    public DateTimeOffset? VoidedAt { get; private set; }
    public int? VoidedById { get; private set; }

    public IReadOnlyCollection<ReceiptLine> Lines => _lines.AsReadOnly();

    /// <summary>Cash the technician holds for the company: signed, not voided, paid in cash.</summary>
    public bool IsCashCollected => State == ReceiptState.Signed && PaymentMethod == PaymentMethod.Cash;

    public ReceiptLine AddLine(ReceiptLineKind kind, int? productId, string? description, decimal quantity, decimal unitPrice) =>
        Append(kind, productId, description, quantity, unitPrice, stockItemId: null);

    /// <summary><paramref name="stockItemId"/>: the accessory from stock the line bills (FEE-1), so the job's billing knows what is already billed.</summary>
    private ReceiptLine Append(ReceiptLineKind kind, int? productId, string? description, decimal quantity, decimal unitPrice, int? stockItemId)
    {
        EnsureDraft();
        if (_lines.Count >= MaxLines) throw new DomainException("ReceiptTooManyLines", MaxLines);
        var line = new ReceiptLine(this, _lines.Count == 0 ? 1 : _lines.Max(l => l.Position) + 1, kind, productId, description, quantity, unitPrice, stockItemId);
        _lines.Add(line);
        Total = _lines.Sum(l => l.LineTotal);
        return line;
    }

    /// <summary>
    /// FEE-1: an accessory from stock. More of an item already on the receipt at the same price goes onto its line, so the
    /// customer signs one line per accessory however often the job was billed.
    /// </summary>
    public void AddStock(int stockItemId, string name, decimal quantity, decimal unitPrice)
    {
        EnsureDraft();
        if (_lines.FirstOrDefault(l => l.StockItemId == stockItemId && l.UnitPrice == unitPrice) is { } line)
        {
            _lines.Remove(line);
            quantity += line.Quantity;
        }
        Append(ReceiptLineKind.Material, null, name, quantity, unitPrice, stockItemId);
    }

    public void RemoveLine(int lineId)
    {
        EnsureDraft();
        var line = _lines.SingleOrDefault(l => l.Id == lineId) ?? throw new NotFoundException();
        _lines.Remove(line);
        Total = _lines.Sum(l => l.LineTotal);
    }

    public void ChangePaymentMethod(PaymentMethod method)
    {
        EnsureDraft();
        PaymentMethod = CheckMethod(method);
    }

    /// <summary>The customer signs on the technician's phone: their name and the drawn signature as a PNG.</summary>
    public void Sign(string? customerName, byte[]? signaturePng, DateTimeOffset at, DateOnly localDay)
    {
        EnsureDraft();
        if (_lines.Count == 0) throw new DomainException("ReceiptHasNoLines");
        var name = Guard.Required(customerName, nameof(SignedByName));
        if (name.Length > 50) throw new DomainException("TextTooLong", 50) { Field = nameof(SignedByName) };
        if (signaturePng is null || signaturePng.Length == 0) throw new DomainException("SignatureRequired") { Field = nameof(Signature) };
        if (signaturePng.Length > MaxSignatureBytes || !IsPng(signaturePng))
            throw new DomainException("SignatureInvalid") { Field = nameof(Signature) };
        SignedByName = name;
        Signature = signaturePng;
        SignedAt = at;
        SignedOn = localDay;
        State = ReceiptState.Signed;
    }

    /// <summary>A wrong receipt stays on file, marked void with the reason; its number is not reused.</summary>
    public void Void(string? reason, DateTimeOffset at, int byId)
    {
        if (State == ReceiptState.Voided) throw new ConflictException("ReceiptAlreadyVoided", Number);
        VoidReason = Guard.Required(reason, nameof(VoidReason));
        VoidedAt = at;
        VoidedById = byId;
        State = ReceiptState.Voided;
    }

    private void EnsureDraft()
    {
        if (State == ReceiptState.Signed) throw new ConflictException("ReceiptSigned", Number);
        if (State == ReceiptState.Voided) throw new ConflictException("ReceiptAlreadyVoided", Number);
    }

    private static PaymentMethod CheckMethod(PaymentMethod method) =>
        Enum.IsDefined(method) ? method : throw new DomainException("PaymentMethodInvalid") { Field = nameof(PaymentMethod) };

    private static bool IsPng(byte[] data) =>
        data.Length > 8 && data[0] == 0x89 && data[1] == 0x50 && data[2] == 0x4E && data[3] == 0x47;
}

/// <summary>
/// One billed item: a catalog accessory or a free-text service, a positive quantity and a unit price that is never
/// negative. There is no line kind for money the technician advanced for the customer (FEE-2: they must not).
/// </summary>
public class ReceiptLine
{
    private ReceiptLine() { }

    internal ReceiptLine(Receipt receipt, int position, ReceiptLineKind kind, int? productId, string? description, decimal quantity, decimal unitPrice,
        int? stockItemId)
    {
        var text = Guard.Required(description, nameof(Description));
        if (text.Length > 200) throw new DomainException("TextTooLong", 200) { Field = nameof(Description) };
        if (quantity <= 0) throw new DomainException("ReceiptQuantityNotPositive") { Field = nameof(Quantity) };
        if (quantity > 100_000 || decimal.Round(quantity, 3) != quantity) throw new DomainException("ReceiptQuantityInvalid") { Field = nameof(Quantity) };
        if (unitPrice < 0) throw new DomainException("AmountNegative") { Field = nameof(UnitPrice) };
        if (unitPrice > 10_000_000) throw new DomainException("AmountTooLarge") { Field = nameof(UnitPrice) };
        if (decimal.Round(unitPrice, 2) != unitPrice) throw new DomainException("AmountHasTooManyDecimals") { Field = nameof(UnitPrice) };
        if (!Enum.IsDefined(kind)) throw new DomainException("ReceiptLineKindInvalid") { Field = nameof(Kind) };
        Receipt = receipt;
        Position = position;
        Kind = kind;
        ProductId = productId;
        StockItemId = stockItemId;
        Description = text;
        Quantity = quantity;
        UnitPrice = unitPrice;
        LineTotal = decimal.Round(quantity * unitPrice, 2, MidpointRounding.AwayFromZero);
    }

    public int Id { get; private set; }
    public int ReceiptId { get; private set; }
    public Receipt Receipt { get; private set; } = null!;
    public int Position { get; private set; }
    public ReceiptLineKind Kind { get; private set; }
    public int? ProductId { get; private set; }
    public int? StockItemId { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal LineTotal { get; private set; }
}

/// <summary>A receipt number: series (the region's code), year and a sequence without gaps, e.g. FJ-2026-000123.</summary>
public readonly record struct ReceiptNumber(string Series, int Year, int Sequence)
{
    public override string ToString() => $"{Series}-{Year:0000}-{Sequence:000000}";
}

/// <summary>
/// The last number given out in one series and year. It is raised inside the transaction that saves the receipt, so
/// a receipt that fails to save gives its number back and two receipts never share one.
/// </summary>
public class ReceiptCounter
{
    private ReceiptCounter() { }

    public string Series { get; private set; } = "";
    public int Year { get; private set; }
    public int Last { get; private set; }
}
