namespace AfterSales.Domain.Travel;

/// <summary>A machine-printed ticket (机打车票) or a hand ticket (长条票, TRV-1).</summary>
public enum TicketKind { Printed, Hand }

public sealed record TicketInput(TicketKind? Kind, decimal? Amount, DateOnly? TravelOn, string? BoardingPlace, string? ArrivalPlace,
    byte[]? Photo, string? PhotoType);

public sealed record ExpenseInput(string? Description, decimal? Amount, DateOnly? SpentOn, byte[]? Receipt, string? ReceiptType);

/// <summary>
/// A ticket of a trip (TRV-1): reimbursed as printed, with its photo. A hand ticket is accepted only with the places
/// of boarding and arrival written on it.
/// </summary>
public class TripTicket : Entity
{
    private TripTicket() { }

    internal TripTicket(Trip trip, TicketInput input)
    {
        if (input.Kind is not { } kind || !Enum.IsDefined(kind)) throw new DomainException("Required") { Field = nameof(Kind) };
        Amount = Trip.Money(input.Amount, nameof(Amount));
        TravelOn = input.TravelOn ?? throw new DomainException("Required") { Field = nameof(TravelOn) };
        BoardingPlace = Guard.Optional(input.BoardingPlace);
        ArrivalPlace = Guard.Optional(input.ArrivalPlace);
        if (BoardingPlace?.Length > 50) throw new DomainException("TextTooLong", 50) { Field = nameof(BoardingPlace) };
        if (ArrivalPlace?.Length > 50) throw new DomainException("TextTooLong", 50) { Field = nameof(ArrivalPlace) };
        if (kind == TicketKind.Hand && BoardingPlace is null) throw new DomainException("HandTicketNeedsPlaces") { Field = nameof(BoardingPlace) };
        if (kind == TicketKind.Hand && ArrivalPlace is null) throw new DomainException("HandTicketNeedsPlaces") { Field = nameof(ArrivalPlace) };
        if (input.Photo is { Length: > 0 } photo)
        {
            TripFile.Check(photo, input.PhotoType, nameof(Photo));
            Photo = photo;
            PhotoType = input.PhotoType;
        }
        else if (kind == TicketKind.Printed) throw new DomainException("TicketPhotoRequired") { Field = nameof(Photo) };
        Trip = trip;
        Kind = kind;
    }

    public int TripId { get; private set; }
    public Trip Trip { get; private set; } = null!;
    public TicketKind Kind { get; private set; }
    public decimal Amount { get; private set; }
    public DateOnly TravelOn { get; private set; }
    public string? BoardingPlace { get; private set; }
    public string? ArrivalPlace { get; private set; }
    public byte[]? Photo { get; private set; }
    public string? PhotoType { get; private set; }
}

/// <summary>
/// A special expense (特殊费用, TRV-4) with its receipt. One found false or inflated keeps its claimed amount and the
/// false part (ASM-7); only the rest is reimbursed, and the false part becomes an incident.
/// </summary>
public class TripExpense : Entity
{
    private TripExpense() { }

    internal TripExpense(Trip trip, ExpenseInput input)
    {
        Description = Trip.Text(input.Description, nameof(Description), 200);
        Amount = Trip.Money(input.Amount, nameof(Amount));
        SpentOn = input.SpentOn ?? throw new DomainException("Required") { Field = nameof(SpentOn) };
        if (input.Receipt is not { Length: > 0 } receipt) throw new DomainException("ExpenseReceiptRequired") { Field = nameof(Receipt) };
        TripFile.Check(receipt, input.ReceiptType, nameof(Receipt));
        Receipt = receipt;
        ReceiptType = input.ReceiptType!;
        Trip = trip;
    }

    public int TripId { get; private set; }
    public Trip Trip { get; private set; } = null!;
    public string Description { get; private set; } = "";
    public decimal Amount { get; private set; }
    public DateOnly SpentOn { get; private set; }
    public byte[] Receipt { get; private set; } = [];
    public string ReceiptType { get; private set; } = "";
    public decimal? FalseAmount { get; private set; }
    public string? FalseNote { get; private set; }
    public int? FoundFalseById { get; private set; }
    public DateTimeOffset? FoundFalseAt { get; private set; }
    public int? IncidentId { get; private set; }

    public decimal Reimbursed => Amount - (FalseAmount ?? 0);

    internal void MarkFalse(decimal falseAmount, string? note, int byId, DateTimeOffset at)
    {
        if (FalseAmount is not null) throw new ConflictException("ExpenseAlreadyFalse");
        Trip.Money(falseAmount, nameof(FalseAmount));
        if (falseAmount > Amount) throw new DomainException("ExpenseFalseAmountTooLarge", Amount) { Field = nameof(FalseAmount) };
        FalseNote = Trip.Text(note, nameof(FalseNote), 500);
        FalseAmount = falseAmount;
        FoundFalseById = byId;
        FoundFalseAt = at;
    }

    public void LinkIncident(int incidentId) => IncidentId = incidentId;
}

/// <summary>Photos of tickets and receipts: images only (JPEG, PNG, WebP) whose bytes are what the type says, at most 2 MB.</summary>
public static class TripFile
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public static readonly string[] ContentTypes = ["image/jpeg", "image/png", "image/webp"];

    public static void Check(byte[] content, string? type, string field)
    {
        if (content.Length > MaxBytes) throw new DomainException("PhotoTooLarge", MaxBytes / 1024 / 1024) { Field = field };
        if (type is null || !ContentTypes.Contains(type) || !LooksLike(content, type)) throw new DomainException("PhotoTypeNotAllowed") { Field = field };
    }

    private static bool LooksLike(byte[] c, string type) => type switch
    {
        "image/jpeg" => c.Length > 3 && c[0] == 0xFF && c[1] == 0xD8 && c[2] == 0xFF,
        "image/png" => c.Length > 8 && c[0] == 0x89 && c[1] == 0x50 && c[2] == 0x4E && c[3] == 0x47,
        "image/webp" => c.Length > 12 && c[0] == 'R' && c[1] == 'I' && c[2] == 'F' && c[3] == 'F' && c[8] == 'W' && c[9] == 'E' && c[10] == 'B' && c[11] == 'P',
        _ => false,
    };
}
