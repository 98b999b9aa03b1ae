using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Records;

/// <summary>The three printed forms of REC-1: 指导记录表, 安装记录表, 维护记录表.</summary>
public enum RecordKind
{
    Guidance,
    Installation,
    Maintenance,
}

/// <summary>Who signed for the customer (REC-2).</summary>
public enum SignerRole
{
    Owner,
    OwnerRepresentative,
    SiteSupervisor,
    FamilyMember,
    Other,
}

/// <summary>Where the customer signed: on the technician's phone, or through a link sent by SMS.</summary>
public enum SignedVia
{
    Phone,
    Link,
}

/// <summary>What a line of the record copies from the visit.</summary>
public enum RecordLineKind
{
    Product,
    Measurement,
    Test,
}

/// <summary>
/// The service record of a job (REC-1): what was done or taught, with a snapshot of the customer, the site, the
/// products, the measurements and the commissioning results, copied so that the record never changes when master
/// data does. The technician drafts it; once the customer signs (REC-2) it is frozen for good (REC-3): corrections
/// are <see cref="RecordAmendment"/>s, the survey and the hand-in are rows of their own.
/// </summary>
public class ServiceRecord : Entity
{
    public const int MaxTextLength = 4000;
    public const int MaxShortLength = 200;

    private readonly List<RecordLine> _lines = [];

    private ServiceRecord() { }

    public ServiceRecord(RecordSnapshot snapshot, DateTimeOffset createdAt)
    {
        WorkOrderId = snapshot.WorkOrderId;
        VisitId = snapshot.VisitId;
        WorkOrderNumber = snapshot.WorkOrderNumber;
        RegionId = snapshot.RegionId;
        Kind = KindOf(snapshot.WorkOrderKind);
        TechnicianId = snapshot.TechnicianId;
        TechnicianName = snapshot.TechnicianName;
        CustomerName = snapshot.CustomerName;
        CustomerPhone = snapshot.CustomerPhone;
        SiteAddress = snapshot.SiteAddress;
        CreatedAt = createdAt;
        var position = 0;
        foreach (var line in snapshot.Lines) _lines.Add(new RecordLine(this, position++, line));
    }

    /// <summary>Which form a job's kind is recorded on.</summary>
    public static RecordKind KindOf(WorkOrderKind kind) => kind switch
    {
        WorkOrderKind.Installation => RecordKind.Installation,
        WorkOrderKind.Maintenance or WorkOrderKind.Repair or WorkOrderKind.Rework or WorkOrderKind.Rectification => RecordKind.Maintenance,
        _ => RecordKind.Guidance,
    };

    public string Number => $"SR{Id:000000}";
    public int WorkOrderId { get; private set; }
    public int VisitId { get; private set; }
    public string WorkOrderNumber { get; private set; } = "";
    public int RegionId { get; private set; }
    public RecordKind Kind { get; private set; }
    public int TechnicianId { get; private set; }
    public string TechnicianName { get; private set; } = "";
    public string CustomerName { get; private set; } = "";
    public string CustomerPhone { get; private set; } = "";
    public string SiteAddress { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>What was done on site, or what the customer was taught.</summary>
    public string WorkDone { get; private set; } = "";
    /// <summary>The construction schedule the customer confirmed (text), and its date when there is one.</summary>
    public string? ConstructionSchedule { get; private set; }
    public DateOnly? ConstructionDate { get; private set; }
    /// <summary>The installation period the technician suggests.</summary>
    public DateOnly? InstallFrom { get; private set; }
    public DateOnly? InstallTo { get; private set; }
    public string? Remarks { get; private set; }

    public byte[]? SignatureImage { get; private set; }
    public string? SignerName { get; private set; }
    public SignerRole? SignerRole { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public SignedVia? SignedVia { get; private set; }
    /// <summary>SHA-256 (hex) of the signed content, the signature, the signer and the time (REC-3).</summary>
    public string? ContentHash { get; private set; }

    public IReadOnlyCollection<RecordLine> Lines => _lines.AsReadOnly();

    public bool IsSigned => SignedAt is not null;

    /// <summary>The technician writes the draft; a signed record is never changed (REC-3).</summary>
    public void UpdateDraft(RecordDraft draft)
    {
        RequireDraft();
        WorkDone = Guard.Required(draft.WorkDone, nameof(WorkDone));
        if (WorkDone.Length > MaxTextLength) throw new DomainException("TextTooLong", MaxTextLength) { Field = nameof(WorkDone) };
        ConstructionSchedule = Limited(draft.ConstructionSchedule, MaxShortLength * 2, nameof(ConstructionSchedule));
        ConstructionDate = draft.ConstructionDate;
        if (draft.InstallFrom is { } from && draft.InstallTo is { } to && to < from)
            throw new DomainException("InstallPeriodReversed") { Field = nameof(InstallTo) };
        InstallFrom = draft.InstallFrom;
        InstallTo = draft.InstallTo;
        Remarks = Limited(draft.Remarks, MaxTextLength, nameof(Remarks));
    }

    /// <summary>
    /// The customer signs (REC-2): the content is frozen and hashed with the signature, the signer and the time.
    /// The time is kept to the second so that it reads back the same from every database.
    /// </summary>
    public void Sign(byte[] png, string signerName, SignerRole role, DateTimeOffset at, SignedVia via, RecordPolicy policy)
    {
        RequireDraft();
        if (string.IsNullOrWhiteSpace(WorkDone)) throw new ConflictException("RecordNotReadyToSign");
        SignatureRule.Check(png, policy);
        var name = Guard.Required(signerName, nameof(SignerName));
        if (name.Length > 100) throw new DomainException("TextTooLong", 100) { Field = nameof(SignerName) };
        SignatureImage = png;
        SignerName = name;
        SignerRole = role;
        SignedAt = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        SignedVia = via;
        ContentHash = ComputeHash();
    }

    /// <summary>The content of the record as it is now, for the page, the API and the PDF.</summary>
    public RecordContent Content() => new(Number, Kind, WorkOrderNumber, TechnicianName, CustomerName, CustomerPhone, SiteAddress, WorkDone,
        ConstructionSchedule, ConstructionDate, InstallFrom, InstallTo, Remarks,
        _lines.OrderBy(l => l.Position).Select(l => new RecordLineContent(l.Kind, l.Name, l.Quantity, l.Value, l.Unit, l.Passed, l.Note)).ToList(),
        SignerName, SignerRole, SignedAt);

    /// <summary>Recomputes the hash from what is stored now; equal to <see cref="ContentHash"/> while nothing was tampered with.</summary>
    public string ComputeHash()
    {
        if (SignatureImage is null) throw new ConflictException("RecordNotSigned");
        return RecordHash.Of(Content(), SignatureImage);
    }

    public bool Verify() => IsSigned && string.Equals(ComputeHash(), ContentHash, StringComparison.Ordinal);

    /// <summary>Refuses with a Chinese message (409) once the record is signed.</summary>
    public void RequireDraft()
    {
        if (IsSigned) throw new ConflictException("RecordSigned");
    }

    private static string? Limited(string? value, int max, string field)
    {
        var text = Guard.Optional(value);
        if (text is not null && text.Length > max) throw new DomainException("TextTooLong", max) { Field = field };
        return text;
    }
}

/// <summary>One copied line: a product and its quantity, a measurement, or a commissioning result.</summary>
public class RecordLine : Entity
{
    private RecordLine() { }

    internal RecordLine(ServiceRecord record, int position, RecordLineContent line)
    {
        Record = record;
        Position = position;
        Kind = line.Kind;
        Name = line.Name;
        Quantity = line.Quantity;
        Value = line.Value;
        Unit = line.Unit;
        Passed = line.Passed;
        Note = line.Note;
    }

    public int RecordId { get; private set; }
    public ServiceRecord Record { get; private set; } = null!;
    public int Position { get; private set; }
    public RecordLineKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public int? Quantity { get; private set; }
    public decimal? Value { get; private set; }
    public string? Unit { get; private set; }
    public bool? Passed { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>What the service reads from the job and its last visit to make a record.</summary>
public sealed record RecordSnapshot(int WorkOrderId, string WorkOrderNumber, WorkOrderKind WorkOrderKind, int RegionId, int VisitId,
    int TechnicianId, string TechnicianName, string CustomerName, string CustomerPhone, string SiteAddress, IReadOnlyList<RecordLineContent> Lines);

/// <summary>The technician's text of the record.</summary>
public sealed record RecordDraft(string? WorkDone, string? ConstructionSchedule, DateOnly? ConstructionDate, DateOnly? InstallFrom,
    DateOnly? InstallTo, string? Remarks);

/// <summary>The content of a record as signed: what the PDF prints and what the hash covers.</summary>
public sealed record RecordContent(string Number, RecordKind Kind, string WorkOrderNumber, string TechnicianName, string CustomerName,
    string CustomerPhone, string SiteAddress, string WorkDone, string? ConstructionSchedule, DateOnly? ConstructionDate, DateOnly? InstallFrom,
    DateOnly? InstallTo, string? Remarks, IReadOnlyList<RecordLineContent> Lines, string? SignerName, SignerRole? SignerRole, DateTimeOffset? SignedAt);

public sealed record RecordLineContent(RecordLineKind Kind, string Name, int? Quantity, decimal? Value, string? Unit, bool? Passed, string? Note);
