namespace AfterSales.Domain.Fees;

/// <summary>
/// Cash handed in (交款, FEE-2): a technician gives the money of one day's signed cash receipts to the supervisor,
/// who counts it and confirms the amount received. Entries are only ever added: a confirmed hand-in does not change,
/// and a mistake is corrected by a further hand-in for the same day.
/// </summary>
public class CashHandIn : Entity
{
    public const decimal MaxAmount = 10_000_000m;

    private readonly List<CashHandInReceipt> _receipts = [];

    private CashHandIn() { }

    public CashHandIn(int technicianId, int regionId, DateOnly day, decimal amount, IEnumerable<Receipt> receipts, string? note,
        DateTimeOffset at, int recordedById)
    {
        CheckAmount(amount, nameof(Amount));
        TechnicianId = technicianId;
        RegionId = regionId;
        Day = day;
        Amount = amount;
        Note = Optional(note);
        HandedInAt = at;
        RecordedById = recordedById;
        foreach (var receipt in receipts.Distinct())
        {
            if (receipt.TechnicianId != technicianId || !receipt.IsCashCollected || receipt.SignedOn != day)
                throw new DomainException("ReceiptNotCashOfDay", receipt.Number) { Field = "ReceiptIds" };
            _receipts.Add(new CashHandInReceipt(this, receipt.Id, receipt.Total));
        }
        if (_receipts.Count == 0 && string.IsNullOrWhiteSpace(Note))
            throw new DomainException("HandInNeedsReceiptsOrNote") { Field = nameof(Note) };
    }

    public int TechnicianId { get; private set; }
    public int RegionId { get; private set; }
    /// <summary>The local day whose collections this hand-in is for.</summary>
    public DateOnly Day { get; private set; }
    /// <summary>What the technician says they hand in.</summary>
    public decimal Amount { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset HandedInAt { get; private set; }
    public int RecordedById { get; private set; }

    /// <summary>What the supervisor counted and confirmed.</summary>
    public decimal? ReceivedAmount { get; private set; }
    public int? ReceivedById { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }

    public bool IsConfirmed => ReceivedAmount is not null;

    public IReadOnlyCollection<CashHandInReceipt> Receipts => _receipts.AsReadOnly();

    /// <summary>The receipts' total: what should have been handed in with them.</summary>
    public decimal Billed => _receipts.Sum(r => r.Amount);

    public void Confirm(decimal receivedAmount, int byId, DateTimeOffset at)
    {
        if (IsConfirmed) throw new ConflictException("HandInAlreadyConfirmed");
        if (byId == TechnicianId) throw new ForbiddenException("HandInOwnConfirmation");
        CheckAmount(receivedAmount, nameof(ReceivedAmount));
        ReceivedAmount = receivedAmount;
        ReceivedById = byId;
        ReceivedAt = at;
    }

    private static void CheckAmount(decimal amount, string field)
    {
        if (amount < 0) throw new DomainException("AmountNegative") { Field = field };
        if (amount > MaxAmount) throw new DomainException("AmountTooLarge") { Field = field };
        if (decimal.Round(amount, 2) != amount) throw new DomainException("AmountHasTooManyDecimals") { Field = field };
    }

    private static string? Optional(string? note)
    {
        var text = Guard.Optional(note);
        if (text?.Length > 500) throw new DomainException("TextTooLong", 500) { Field = nameof(Note) };
        return text;
    }
}

/// <summary>A receipt included in a hand-in, with its total at that time. A receipt is handed in once only.</summary>
public class CashHandInReceipt
{
    private CashHandInReceipt() { }

    internal CashHandInReceipt(CashHandIn handIn, int receiptId, decimal amount)
    {
        HandIn = handIn;
        ReceiptId = receiptId;
        Amount = amount;
    }

    public int Id { get; private set; }
    public int HandInId { get; private set; }
    public CashHandIn HandIn { get; private set; } = null!;
    public int ReceiptId { get; private set; }
    public decimal Amount { get; private set; }
}

public enum CashDifference { Balanced, Short, Over, Pending }

/// <summary>
/// One technician's day (FEE-2): the cash collected on signed receipts against the cash the supervisor confirmed
/// receiving. Any difference is flagged short or over with its amount; unconfirmed hand-ins leave the day pending.
/// </summary>
public sealed record CashDay(int TechnicianId, DateOnly Day, decimal Collected, int ReceiptCount, int ReceiptsNotHandedIn,
    decimal Declared, decimal Received, int UnconfirmedHandIns)
{
    /// <summary>Received minus collected: negative is short, positive is over.</summary>
    public decimal Difference => Received - Collected;

    public CashDifference Status => UnconfirmedHandIns > 0 ? CashDifference.Pending
        : Difference < 0 ? CashDifference.Short
        : Difference > 0 ? CashDifference.Over
        : CashDifference.Balanced;
}
