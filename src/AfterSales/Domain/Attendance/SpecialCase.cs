namespace AfterSales.Domain.Attendance;

/// <summary>
/// A special case reported in advance to the supervision department (ATT-1, ASM-6): from–to, why. A location anomaly
/// inside it is still recorded but waived — only when the case was recorded before the anomaly happened.
/// </summary>
public class SpecialCase : Entity
{
    public const int MaxReason = 500;

    private SpecialCase() { }

    public SpecialCase(int staffId, DateTimeOffset? from, DateTimeOffset? to, string? reason, int recordedById, DateTimeOffset recordedAt)
    {
        if (staffId <= 0) throw new DomainException("Required") { Field = nameof(StaffId) };
        From = from ?? throw new DomainException("Required") { Field = nameof(From) };
        To = to ?? throw new DomainException("Required") { Field = nameof(To) };
        if (To <= From) throw new DomainException("SpecialCaseEndsBeforeStart") { Field = nameof(To) };
        if (To - From > TimeSpan.FromDays(31)) throw new DomainException("SpecialCaseTooLong", 31) { Field = nameof(To) };
        // "In advance": a case for a time already over cannot excuse anything.
        if (To <= recordedAt) throw new DomainException("SpecialCaseInPast") { Field = nameof(To) };
        Reason = Guard.Required(reason, nameof(Reason));
        if (Reason.Length > MaxReason) throw new DomainException("TextTooLong", MaxReason) { Field = nameof(Reason) };
        StaffId = staffId;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    public int StaffId { get; private set; }
    public DateTimeOffset From { get; private set; }
    public DateTimeOffset To { get; private set; }
    public string Reason { get; private set; } = "";
    public int RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>ASM-6: the anomaly at <paramref name="at"/> falls inside the case, and the case was on record before it.</summary>
    public bool Excuses(DateTimeOffset at) => From <= at && at <= To && RecordedAt <= at;
}
