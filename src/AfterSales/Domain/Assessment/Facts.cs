namespace AfterSales.Domain.Assessment;

/// <summary>Where an amount lands (ASM-0): the month bonus, pay, or a reward.</summary>
public enum Pot
{
    Bonus,
    Pay,
    Reward,
}

public enum Severity
{
    Normal,
    Serious,
}

/// <summary>
/// An incident as the rules see it: who, what kind, when, and the facts its kind carries. The same shape comes from
/// the database, from the command line's JSON Lines, and from a what-if run.
/// </summary>
public sealed record IncidentFacts
{
    /// <summary>How the incident is referred to on a statement line (the incident's number, or a file's line number).</summary>
    public required string Id { get; init; }

    /// <summary>The order incidents were recorded in, which decides between two at the same instant.</summary>
    public long Sequence { get; init; }
    public required string Person { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset At { get; init; }
    public Severity Severity { get; init; }

    /// <summary>The money the incident is about: a false claim, a part's price, or the amount a manager chose within a range.</summary>
    public decimal? Amount { get; init; }
    public bool Waived { get; init; }
    public string? WaiverReason { get; init; }
    public bool HasEvidence { get; init; }

    /// <summary>The person's manager at the time (for the co-penalty); when absent, the manager of the person's record.</summary>
    public string? Manager { get; init; }
    public DateTimeOffset? RestoredAt { get; init; }
    public bool Verified { get; init; }
    public bool FalseReport { get; init; }
    public string? Equipment { get; init; }
    public string? EquipmentKind { get; init; }
    public string? Cause { get; init; }

    /// <summary>minor, medium or major (WO-7).</summary>
    public string? RepairClass { get; init; }
}

/// <summary>A person as the statement needs them.</summary>
public sealed record PersonFacts(string Person, string? Name = null, string? Manager = null, decimal? BonusBase = null, int? SkillLevel = null);

/// <summary>A part of a line's reason: a text code (AssessmentText) and its arguments, so the line reads in the reader's language.</summary>
public sealed record ReasonPart(string Code, params object[] Arguments)
{
    // The parts without arguments, shared: a month close writes a million reasons.
    public static readonly ReasonPart Fixed = new("Reason.Fixed");
    public static readonly ReasonPart IncidentAmount = new("Reason.IncidentAmount");
    public static readonly ReasonPart NoAmount = new("Reason.NoAmount");
    public static readonly ReasonPart Serious = new("Reason.Serious");
    public static readonly ReasonPart FalseReport = new("Reason.FalseReport");
}

/// <summary>One amount on a statement, with the rule and the policy version that produced it (POL-1) and why.</summary>
public sealed record AssessmentLine(
    string Person,
    string IncidentId,
    string Rule,
    string PolicyVersion,
    string Kind,
    DateTimeOffset At,
    decimal Amount,
    Pot Pot,
    IReadOnlyList<ReasonPart> Reason,
    IReadOnlyList<string> Flags,
    bool ForfeitsBonus = false)
{
    /// <summary>For a correction entered in a later month: the closed month it corrects ("2026-10").</summary>
    public string? Corrects { get; init; }
}

/// <summary>A policy document in force from a date, with the version it is known by.</summary>
public sealed record PolicyInForce(string Version, PolicyDocument Document);
