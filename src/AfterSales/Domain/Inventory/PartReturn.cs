using AfterSales.Domain.Assessment;

namespace AfterSales.Domain.Inventory;

public enum PartReturnState
{
    /// <summary>Replaced on a job, waiting to be shipped back.</summary>
    Pending,
    /// <summary>Handed to a logistics company with a tracking number.</summary>
    Shipped,
    /// <summary>Arrived at the warehouse and checked.</summary>
    Received,
    /// <summary>Not shipped back in time: charged to the technician (ASM-10).</summary>
    Charged,
    /// <summary>Stolen, with the police report attached: the charge is waived (ASM-10).</summary>
    Stolen,
    /// <summary>Sold by the technician (ASM-10: dismissal proposed, notice, legal action).</summary>
    Sold,
}

/// <summary>
/// A replaced part the technician must ship back to the company (INV-3, 物流寄回): the logistics company, tracking
/// number and date, then the warehouse's check on arrival. Not shipped within the policy's days, it becomes a
/// <c>part_not_returned</c> incident (original price from pay plus the bonus fine); stolen, it is waived only with the
/// police report (station seal, officer number) attached.
/// </summary>
public class PartReturn : Entity
{
    public const int MaxReportBytes = 10 * 1024 * 1024;

    private PartReturn() { }

    public PartReturn(int itemId, int quantity, int technicianId, int regionId, int? workOrderId, DateOnly replacedOn, DateOnly dueOn, string? note)
    {
        if (itemId <= 0) throw new DomainException("Required") { Field = nameof(ItemId) };
        if (quantity is <= 0 or > StockMovement.MaxQuantity) throw new DomainException("StockQuantityInvalid", StockMovement.MaxQuantity) { Field = nameof(Quantity) };
        if (dueOn < replacedOn) throw new DomainException("PartReturnDueBeforeReplaced") { Field = nameof(DueOn) };
        ItemId = itemId;
        Quantity = quantity;
        TechnicianId = technicianId;
        RegionId = regionId;
        WorkOrderId = workOrderId;
        ReplacedOn = replacedOn;
        DueOn = dueOn;
        Note = Guard.Optional(note);
        State = PartReturnState.Pending;
    }

    public string Number => $"RP{Id:000000}";
    public int ItemId { get; private set; }
    public int Quantity { get; private set; }
    public int TechnicianId { get; private set; }
    public int RegionId { get; private set; }
    public int? WorkOrderId { get; private set; }
    public DateOnly ReplacedOn { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string? Note { get; private set; }
    public PartReturnState State { get; private set; }

    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateOnly? ShippedOn { get; private set; }

    public DateTimeOffset? ReceivedAt { get; private set; }
    public int? ReceivedById { get; private set; }
    public bool? ReceivedIntact { get; private set; }
    public string? ReceivedNote { get; private set; }

    public string? PoliceStation { get; private set; }
    public string? PoliceOfficerNumber { get; private set; }
    public string? PoliceReportName { get; private set; }
    public string? PoliceReportType { get; private set; }
    public byte[]? PoliceReport { get; private set; }

    public int? IncidentId { get; private set; }
    public Incident? Incident { get; private set; }

    /// <summary>Still with the technician after its due day: the overdue job charges it.</summary>
    public bool IsOverdue(DateOnly today) => State == PartReturnState.Pending && today > DueOn;

    /// <summary>The technician hands it to a logistics company (INV-3).</summary>
    public void Ship(string? carrier, string? trackingNumber, DateOnly? shippedOn, DateOnly today)
    {
        RequireState(PartReturnState.Pending);
        var day = shippedOn ?? throw new DomainException("Required") { Field = nameof(ShippedOn) };
        if (day > today) throw new DomainException("DateInFuture") { Field = nameof(ShippedOn) };
        if (day < ReplacedOn) throw new DomainException("PartShippedBeforeReplaced") { Field = nameof(ShippedOn) };
        Carrier = Guard.Required(carrier, nameof(Carrier));
        TrackingNumber = Guard.Required(trackingNumber, nameof(TrackingNumber));
        ShippedOn = day;
        State = PartReturnState.Shipped;
    }

    /// <summary>The warehouse unpacks and checks it.</summary>
    public void Receive(bool intact, string? note, int byId, DateTimeOffset at)
    {
        RequireState(PartReturnState.Shipped);
        if (!intact && string.IsNullOrWhiteSpace(note)) throw new DomainException("Required") { Field = nameof(ReceivedNote) };
        ReceivedIntact = intact;
        ReceivedNote = Guard.Optional(note);
        ReceivedById = byId;
        ReceivedAt = at;
        State = PartReturnState.Received;
    }

    /// <summary>Not shipped back in time (ASM-10): the incident that charges it.</summary>
    public void Charge(Incident incident, DateOnly today)
    {
        if (!IsOverdue(today)) throw new ConflictException("PartReturnNotOverdue");
        Incident = incident;
        State = PartReturnState.Charged;
    }

    /// <summary>
    /// Stolen (ASM-10): waived only with a copy of the police report — the station (whose seal it bears), the officer's
    /// number and the scanned report itself. Without all three, refused.
    /// </summary>
    public void ReportStolen(string? station, string? officerNumber, string? fileName, string? contentType, byte[]? report, Incident waiver)
    {
        RequireState(PartReturnState.Pending);
        if (report is null || report.Length == 0) throw new DomainException("PoliceReportRequired") { Field = nameof(PoliceReport) };
        if (report.Length > MaxReportBytes) throw new DomainException("EvidenceSize", MaxReportBytes / 1024 / 1024) { Field = nameof(PoliceReport) };
        PoliceStation = Guard.Required(station, nameof(PoliceStation));
        PoliceOfficerNumber = Guard.Required(officerNumber, nameof(PoliceOfficerNumber));
        PoliceReportName = Guard.Required(fileName, nameof(PoliceReport));
        PoliceReportType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;
        PoliceReport = report;
        Incident = waiver;
        State = PartReturnState.Stolen;
    }

    /// <summary>Found sold (ASM-10): recorded against the technician, whatever state the return was in but received.</summary>
    public void ReportSold(Incident incident)
    {
        if (State is PartReturnState.Received or PartReturnState.Sold or PartReturnState.Stolen) throw new ConflictException("PartReturnStateWrong");
        Incident = incident;
        State = PartReturnState.Sold;
    }

    private void RequireState(PartReturnState state)
    {
        if (State != state) throw new ConflictException("PartReturnStateWrong");
    }
}
