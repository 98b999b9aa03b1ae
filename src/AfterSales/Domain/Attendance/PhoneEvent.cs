using AfterSales.Domain.Assessment;

namespace AfterSales.Domain.Attendance;

public enum PhoneEventKind
{
    /// <summary>Suspended for an unpaid bill (ASM-2): restore within the policy's hours.</summary>
    Suspended,
    /// <summary>Switched off or not answering (ASM-3).</summary>
    Unreachable,
    /// <summary>Broken or lost, reported to the manager (ASM-4): verified, or found a false report.</summary>
    Lost,
}

/// <summary>
/// A manager's record that a technician's phone was not reachable (ATT-2), and when it came back. The incident it
/// leads to is raised once its amount is known: at once when nothing waits on a restoration (unreachable, a false
/// report), otherwise when the restoration is recorded or the deadline passes.
/// </summary>
public class PhoneEvent : Entity
{
    public const int MaxNote = 500;

    private PhoneEvent() { }

    public PhoneEvent(int staffId, PhoneEventKind kind, DateTimeOffset? at, string? note, bool falseReport, int recordedById, DateTimeOffset recordedAt)
    {
        if (staffId <= 0) throw new DomainException("Required") { Field = nameof(StaffId) };
        if (!Enum.IsDefined(kind)) throw new DomainException("Required") { Field = nameof(Kind) };
        At = at ?? throw new DomainException("Required") { Field = nameof(At) };
        if (At > recordedAt.AddMinutes(5)) throw new DomainException("PhoneEventInFuture") { Field = nameof(At) };
        if (falseReport && kind != PhoneEventKind.Lost) throw new DomainException("FalseReportOnlyForLost") { Field = nameof(FalseReport) };
        Note = Guard.Optional(note);
        if (Note?.Length > MaxNote) throw new DomainException("TextTooLong", MaxNote) { Field = nameof(Note) };
        StaffId = staffId;
        Kind = kind;
        FalseReport = falseReport;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    public int StaffId { get; private set; }
    public PhoneEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Note { get; private set; }
    /// <summary>Lost: the report was checked and found false (ASM-4: 500). Otherwise a lost phone counts as verified.</summary>
    public bool FalseReport { get; private set; }
    public DateTimeOffset? RestoredAt { get; private set; }
    public int? IncidentId { get; private set; }
    public Incident? Incident { get; private set; }
    public int RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Whether the phone has a restoration deadline (a suspension, a real loss); unreachable and a false report do not.</summary>
    public bool AwaitsRestoration => Kind == PhoneEventKind.Suspended || (Kind == PhoneEventKind.Lost && !FalseReport);

    /// <summary>The phone works again: once, not before the event, only for events that wait for it.</summary>
    public void RecordRestoration(DateTimeOffset? at, DateTimeOffset now)
    {
        if (!AwaitsRestoration) throw new DomainException("PhoneEventNotRestorable") { Field = nameof(RestoredAt) };
        if (RestoredAt is not null) throw new ConflictException("PhoneAlreadyRestored");
        var restored = at ?? throw new DomainException("Required") { Field = nameof(RestoredAt) };
        if (restored < At) throw new DomainException("RestoredBeforeIncident") { Field = nameof(RestoredAt) };
        if (restored > now.AddMinutes(5)) throw new DomainException("PhoneEventInFuture") { Field = nameof(RestoredAt) };
        RestoredAt = restored;
    }

    /// <summary>The incident this event led to (saved in the same unit of work).</summary>
    public void Raised(Incident incident) => Incident = incident;
}
