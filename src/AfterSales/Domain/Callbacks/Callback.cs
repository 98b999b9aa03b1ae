namespace AfterSales.Domain.Callbacks;

/// <summary>Why a job is in the callback queue.</summary>
public enum CallbackReason
{
    /// <summary>Drawn at completion, with the policy's share of jobs.</summary>
    Sample,
    /// <summary>The customer gave a low satisfaction score: every such job is called back.</summary>
    LowScore,
    /// <summary>Put in the queue by a supervisor.</summary>
    Manual,
}

public enum CallbackOutcome
{
    Reached,
    NoAnswer,
    Refused,
    WrongNumber,
}

/// <summary>
/// RPT-4: a supervisor calls the customer back to check the work and the technician's attitude. The answers are kept
/// against the job so the assessment rules can act on them (a report found false is an incident of its own).
/// </summary>
public class Callback : Entity
{
    public const int MaxNotesLength = 1000;

    private Callback() { }

    public Callback(int workOrderId, int regionId, int? technicianId, CallbackReason reason, DateTimeOffset queuedAt)
    {
        WorkOrderId = workOrderId;
        RegionId = regionId;
        TechnicianId = technicianId;
        Reason = reason;
        QueuedAt = queuedAt;
    }

    public int WorkOrderId { get; private set; }
    public int RegionId { get; private set; }
    public int? TechnicianId { get; private set; }
    public CallbackReason Reason { get; private set; }
    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset? CalledAt { get; private set; }
    public int? CalledById { get; private set; }
    public CallbackOutcome? Outcome { get; private set; }
    /// <summary>The customer confirms the work was done as recorded.</summary>
    public bool? WorkConfirmed { get; private set; }
    /// <summary>The technician's attitude as the customer rates it, 1 (poor) to 5 (excellent).</summary>
    public int? AttitudeScore { get; private set; }
    /// <summary>What the technician reported (daily report, record) matches what the customer says.</summary>
    public bool? ReportTrue { get; private set; }
    public string? Notes { get; private set; }
    /// <summary>How many calls were made; the last one's answers are above, earlier ones are in the audit trail.</summary>
    public int Attempts { get; private set; }

    public bool IsDone => CalledAt is not null && Outcome == CallbackOutcome.Reached;

    /// <summary>
    /// Records one call. A call that did not reach the customer is kept (who tried, when) and the job stays in the
    /// queue; a reached customer must answer the three questions.
    /// </summary>
    public void Record(DateTimeOffset at, int staffId, CallbackOutcome outcome, bool? workConfirmed, int? attitudeScore, bool? reportTrue,
        string? notes)
    {
        if (IsDone) throw new ConflictException("CallbackAlreadyDone");
        notes = Guard.Optional(notes);
        if (notes?.Length > MaxNotesLength) throw new DomainException("TextTooLong", MaxNotesLength) { Field = nameof(Notes) };
        if (outcome == CallbackOutcome.Reached)
        {
            if (workConfirmed is null) throw new DomainException("Required") { Field = nameof(WorkConfirmed) };
            if (attitudeScore is null) throw new DomainException("Required") { Field = nameof(AttitudeScore) };
            if (reportTrue is null) throw new DomainException("Required") { Field = nameof(ReportTrue) };
            if (attitudeScore is < 1 or > 5) throw new DomainException("ScoreOutOfRange", 1, 5) { Field = nameof(AttitudeScore) };
            if (workConfirmed == false && notes is null) throw new DomainException("CallbackProblemNeedsNotes") { Field = nameof(Notes) };
        }
        Attempts++;
        CalledAt = at;
        CalledById = staffId;
        Outcome = outcome;
        WorkConfirmed = outcome == CallbackOutcome.Reached ? workConfirmed : null;
        AttitudeScore = outcome == CallbackOutcome.Reached ? attitudeScore : null;
        ReportTrue = outcome == CallbackOutcome.Reached ? reportTrue : null;
        Notes = notes;
    }
}

/// <summary>The callback values of the policy (RPT-4).</summary>
public sealed record CallbackPolicy
{
    /// <summary>The share of completed jobs drawn for a callback, 0–100 %.</summary>
    public int SamplePercent { get; init; } = 20;

    /// <summary>A satisfaction score at or below this puts the job in the queue whatever the draw.</summary>
    public int LowScoreAtMost { get; init; } = 3;

    /// <summary>Draws a completed job for a callback: <paramref name="roll"/> is a number in [0, 100).</summary>
    public bool Draws(int roll) => roll < SamplePercent;
}
