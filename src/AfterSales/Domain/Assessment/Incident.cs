namespace AfterSales.Domain.Assessment;

public enum IncidentState
{
    Recorded,
    Appealed,
    AppealUpheld,
    AppealDismissed,
}

/// <summary>
/// One recorded breach or event judged by the policy (违规事件): by a manager or the supervision department with
/// evidence, or by another part of the system (a missing daily report, a part not returned …). The person may appeal
/// once (ASM-15); an upheld appeal reverses it. Its amounts land when its month is closed (the statement lines then
/// point to it); a correction after that is an entry in a later month.
/// </summary>
public class Incident : Entity
{
    public const int MaxEvidenceBytes = 10 * 1024 * 1024;
    private readonly List<IncidentFile> _files = [];

    private Incident() { }

    public Incident(IncidentDraft draft, int? recordedById, DateTimeOffset recordedAt)
    {
        if (!PolicyDocument.KnownKinds.Contains(draft.Kind)) throw new DomainException("IncidentKindUnknown", draft.Kind) { Field = nameof(Kind) };
        if (draft.PersonId <= 0) throw new DomainException("Required") { Field = "PersonId" };
        if (draft.At > recordedAt.AddMinutes(5)) throw new DomainException("IncidentInFuture") { Field = nameof(At) };
        if (draft.Amount is < 0) throw new DomainException("AmountNegative") { Field = nameof(Amount) };
        if (draft.RestoredAt is { } restored && restored < draft.At) throw new DomainException("RestoredBeforeIncident") { Field = nameof(RestoredAt) };
        PersonId = draft.PersonId;
        RegionId = draft.RegionId;
        Kind = draft.Kind;
        At = draft.At;
        Severity = draft.Severity;
        Amount = draft.Amount;
        Description = Guard.Required(draft.Description, nameof(Description));
        Waived = draft.Waived;
        WaiverReason = Guard.Optional(draft.WaiverReason);
        ManagerId = draft.ManagerId;
        RestoredAt = draft.RestoredAt;
        Verified = draft.Verified;
        FalseReport = draft.FalseReport;
        WorkOrderId = draft.WorkOrderId;
        EquipmentId = draft.EquipmentId;
        EquipmentKind = Guard.Optional(draft.EquipmentKind);
        Cause = Guard.Optional(draft.Cause);
        RepairClass = Guard.Optional(draft.RepairClass);
        Source = Guard.Optional(draft.Source) ?? "manual";
        RecordedById = recordedById;
        RecordedAt = recordedAt;
        State = IncidentState.Recorded;
    }

    public string Number => NumberOf(Id);

    /// <summary>How people refer to an incident: AS and its id in six digits or more (AS000042).</summary>
    public static string NumberOf(int id) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"AS{id:D6}");
    public int PersonId { get; private set; }
    public int RegionId { get; private set; }
    public string Kind { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public Severity Severity { get; private set; }
    public decimal? Amount { get; private set; }
    public string Description { get; private set; } = "";
    public bool Waived { get; private set; }
    public string? WaiverReason { get; private set; }
    public int? ManagerId { get; private set; }
    public DateTimeOffset? RestoredAt { get; private set; }
    public bool Verified { get; private set; }
    public bool FalseReport { get; private set; }
    public int? WorkOrderId { get; private set; }
    public int? EquipmentId { get; private set; }
    public string? EquipmentKind { get; private set; }
    public string? Cause { get; private set; }
    public string? RepairClass { get; private set; }

    /// <summary>Who raised it: <c>manual</c>, or the part of the system (e.g. <c>daily-report</c>, <c>callback</c>).</summary>
    public string Source { get; private set; } = "manual";
    /// <summary>Who recorded it; null when a part of the system raised it (<see cref="Source"/> says which).</summary>
    public int? RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public IncidentState State { get; private set; }
    public string? AppealReason { get; private set; }
    public DateTimeOffset? AppealedAt { get; private set; }
    public int? AppealDecidedById { get; private set; }
    public DateTimeOffset? AppealDecidedAt { get; private set; }
    public string? AppealDecisionNote { get; private set; }

    public IReadOnlyCollection<IncidentFile> Files => _files.AsReadOnly();

    public bool IsReversed => State == IncidentState.AppealUpheld;

    /// <summary>ASM-15: the person contests it, once, with a reason, from their phone.</summary>
    public void Appeal(int byId, string? reason, DateTimeOffset at)
    {
        if (byId != PersonId) throw new ForbiddenException("AppealOnlyByPerson");
        if (State != IncidentState.Recorded) throw new ConflictException("AppealNotOpen");
        AppealReason = Guard.Required(reason, nameof(AppealReason));
        AppealedAt = at;
        State = IncidentState.Appealed;
    }

    /// <summary>The supervision department decides; upheld reverses the incident (and its amounts, in a later month if already closed).</summary>
    public void DecideAppeal(bool upheld, string? note, int byId, DateTimeOffset at)
    {
        if (State != IncidentState.Appealed) throw new ConflictException("AppealNotPending");
        if (byId == PersonId) throw new ForbiddenException("AppealOwnDecision");
        AppealDecisionNote = Guard.Required(note, nameof(AppealDecisionNote));
        AppealDecidedById = byId;
        AppealDecidedAt = at;
        State = upheld ? IncidentState.AppealUpheld : IncidentState.AppealDismissed;
    }

    /// <summary>The phone came back (ASM-2, ASM-4): recorded once, not before the incident.</summary>
    public void RecordRestoration(DateTimeOffset at)
    {
        if (at < At) throw new DomainException("RestoredBeforeIncident") { Field = nameof(RestoredAt) };
        RestoredAt = at;
    }

    public IncidentFile AddEvidence(string name, string contentType, byte[] content, int byId, DateTimeOffset at)
    {
        if (content.Length == 0 || content.Length > MaxEvidenceBytes) throw new DomainException("EvidenceSize", MaxEvidenceBytes / 1024 / 1024) { Field = "Evidence" };
        var file = new IncidentFile(this, Guard.Required(name, "Evidence"), contentType, content, byId, at);
        _files.Add(file);
        return file;
    }

    /// <summary>The incident as the rules see it, with the names the statement uses for people.</summary>
    public IncidentFacts Facts(string person, string? manager) => new()
    {
        Id = Number, Sequence = Id, Person = person, Kind = Kind, At = At, Severity = Severity, Amount = Amount, Waived = Waived,
        WaiverReason = WaiverReason, HasEvidence = _files.Count > 0, Manager = manager, RestoredAt = RestoredAt, Verified = Verified,
        FalseReport = FalseReport, Equipment = EquipmentId is { } e ? $"E{e}" : null,
        EquipmentKind = EquipmentKind, Cause = Cause, RepairClass = RepairClass,
    };
}

/// <summary>What is needed to record an incident; the same for a manager's form, the API and another part of the system.</summary>
public sealed record IncidentDraft
{
    public required int PersonId { get; init; }
    public required int RegionId { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string? Description { get; init; }
    public Severity Severity { get; init; }
    public decimal? Amount { get; init; }
    public bool Waived { get; init; }
    public string? WaiverReason { get; init; }
    public int? ManagerId { get; init; }
    public DateTimeOffset? RestoredAt { get; init; }
    public bool Verified { get; init; }
    public bool FalseReport { get; init; }
    public int? WorkOrderId { get; init; }
    public int? EquipmentId { get; init; }
    public string? EquipmentKind { get; init; }
    public string? Cause { get; init; }
    public string? RepairClass { get; init; }
    public string? Source { get; init; }
}

/// <summary>An evidence file of an incident: a photo, the base's report, a police report.</summary>
public class IncidentFile
{
    private IncidentFile() { }

    internal IncidentFile(Incident incident, string name, string contentType, byte[] content, int addedById, DateTimeOffset addedAt)
    {
        Incident = incident;
        Name = name;
        ContentType = contentType;
        Content = content;
        AddedById = addedById;
        AddedAt = addedAt;
    }

    public int Id { get; private set; }
    public int IncidentId { get; private set; }
    public Incident Incident { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public int AddedById { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}
