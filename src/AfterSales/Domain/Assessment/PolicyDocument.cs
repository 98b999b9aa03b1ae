using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AfterSales.Domain.Assessment;

/// <summary>
/// The assessment policy as people write it (POL-1, POL-2): a YAML (or JSON) document of amounts, ladders, windows,
/// pots and flags per incident kind, plus the ranking and year-end values. <see cref="Parse"/> reads and checks it;
/// a document with an error is refused with the field and the reason, never half-used.
/// </summary>
public sealed class PolicyDocument
{
    public string Name { get; set; } = "";
    public string? Version { get; set; }
    public decimal BonusBase { get; set; }
    public int ReworkWindowDays { get; set; }
    public Dictionary<string, KindPolicy> Kinds { get; set; } = [];
    public RankingPolicy Ranking { get; set; } = new();
    public YearEndPolicy YearEnd { get; set; } = new();
    /// <summary>RPT-1/RPT-3: when the daily work report is due. A document without the section has the 17:00–18:00 window.</summary>
    public DailyReportPolicy DailyReport { get; set; } = new();
    /// <summary>TRV-1…TRV-3: per diem, home station and end of work on the return day. A document without it has the defaults.</summary>
    public Travel.TravelPolicy Travel { get; set; } = new();
    /// <summary>INV-3: stock rules. A document without the section has the default days.</summary>
    public InventoryPolicy Inventory { get; set; } = new();
    /// <summary>HR-4: the range within which a manager rewards a won sales lead. A document without it has the defaults.</summary>
    public SalesLeadPolicy SalesLead { get; set; } = new();
    /// <summary>HR-2: deposit and resignation notice. A document without the section has the defaults.</summary>
    public PeoplePolicy People { get; set; } = new();

    /// <summary>The kinds of incident the system records; a policy must say how each is judged.</summary>
    public static readonly IReadOnlyList<string> KnownKinds =
    [
        "gps_anomaly", "phone_suspended", "phone_unreachable", "phone_lost", "supervision_failure", "expense_false_claim",
        "area_duty_refusal", "soliciting", "part_not_returned", "part_sold", "complaint_attitude", "leaving_post",
        "harmful_conduct", "daily_report_late", "daily_report_missing", "daily_report_wrong", "callback_false_report",
        "callback_bad_attitude", "repair_redone", "tool_damaged", "safety_violation",
    ];

    /// <summary>Kinds added after the first policies were approved: a document without them still passes (its incidents of the kind are refused).</summary>
    public static readonly IReadOnlyList<string> OptionalKinds = ["tool_damaged", "safety_violation"];

    public static readonly IReadOnlyList<string> KnownFlags = ["notice", "dismissalProposed", "legalAction", "skillLevelDown", "noRaise"];

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>The document shipped with the system: the values of REQUIREMENTS.md (POL-2).</summary>
    public static string DefaultText()
    {
        using var stream = typeof(PolicyDocument).Assembly.GetManifestResourceStream("AfterSales.Assessment.DefaultPolicy.yaml")
            ?? throw new InvalidOperationException("The default policy is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static PolicyDocument Default() => Parse(DefaultText()).Document
        ?? throw new InvalidOperationException("The default policy does not pass its own checks.");

    /// <summary>Reads and checks a document: either a document and no errors, or no document and every error found.</summary>
    public static PolicyCheck Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return PolicyCheck.Failed(new PolicyError("", "Policy.Empty"));
        PolicyDocument? document;
        try
        {
            document = Reader.Deserialize<PolicyDocument?>(text);
        }
        catch (YamlException e)
        {
            // YamlDotNet names the line and column, and the unknown or badly typed field in its message.
            var detail = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            return PolicyCheck.Failed(new PolicyError($"line {e.Start.Line}, column {e.Start.Column}", "Policy.Unreadable", detail));
        }
        if (document is null) return PolicyCheck.Failed(new PolicyError("", "Policy.Empty"));
        var errors = new PolicyValidator(document).Check();
        return errors.Count == 0 ? new PolicyCheck(document, []) : PolicyCheck.Failed([.. errors]);
    }

    /// <summary>The policy for a kind; a document that passed its checks has every known kind.</summary>
    public KindPolicy For(string kind) =>
        Kinds.TryGetValue(kind, out var policy) ? policy : throw new DomainException("IncidentKindUnknown", kind) { Field = "Kind" };
}

/// <summary>How one kind of incident is judged.</summary>
public sealed class KindPolicy
{
    /// <summary>The rule of the source documents the kind belongs to (e.g. ASM-11); every amount names it.</summary>
    public string Rule { get; set; } = "";

    /// <summary>Over which period occurrences are counted for the ladder: month, employment or reworkWindow.</summary>
    public string Period { get; set; } = "month";

    /// <summary>The ladder: the 1st occurrence in the period gets the first step, and so on; beyond the last, the last.</summary>
    public List<Outcome> Steps { get; set; } = [];

    /// <summary>Replaces the step when the incident is serious.</summary>
    public Outcome? Serious { get; set; }

    /// <summary>Added when the report behind the incident was false (a phone reported lost that was not).</summary>
    public Outcome? FalseReport { get; set; }

    /// <summary>When the phone was not restored within the hours, replaces or adds to the step.</summary>
    public RestorationPolicy? NotRestored { get; set; }

    /// <summary>The manager's share of a subordinate's incident (supervision failure).</summary>
    public Outcome? ManagerCoPenalty { get; set; }

    /// <summary>Only repairs of these classes count (rework rule); others are recorded without amount.</summary>
    public List<string>? RepairClasses { get; set; }

    /// <summary>Reworks on one kind of equipment reaching a count lower the skill level.</summary>
    public SkillLevelDownPolicy? SkillLevelDown { get; set; }

    /// <summary>Whether the incident may be waived at all (selling company parts may not).</summary>
    public bool Waivable { get; set; } = true;

    /// <summary>A waiver needs an evidence file attached (e.g. the police report for stolen parts).</summary>
    public bool WaiverNeedsEvidence { get; set; }
}

/// <summary>What one step of a ladder does; each field is carried out by a rule class of its own (see <see cref="Consequence"/>).</summary>
public sealed class Outcome
{
    public decimal? Bonus { get; set; }
    public decimal? Pay { get; set; }
    public decimal? Reward { get; set; }
    public AmountRange? BonusRange { get; set; }
    public AmountRange? PayRange { get; set; }
    public bool PayIncidentAmount { get; set; }
    public decimal? PayMultipleOfAmount { get; set; }
    public bool ForfeitBonus { get; set; }
    public List<string>? Flags { get; set; }
}

public sealed class AmountRange
{
    public decimal Min { get; set; }
    public decimal Max { get; set; }
}

public sealed class RestorationPolicy
{
    public decimal WithinHours { get; set; }
    public Outcome? Replace { get; set; }
    public Outcome? Add { get; set; }
}

public sealed class SkillLevelDownPolicy
{
    public int Count { get; set; }
    public string Period { get; set; } = "employment";
}

public sealed class RankingPolicy
{
    public RankingWeights Weights { get; set; } = new();
    public List<decimal> TopRewards { get; set; } = [];
    public List<decimal> BottomPenalties { get; set; } = [];
    public int MinimumForBoth { get; set; } = 6;
}

public sealed class RankingWeights
{
    public decimal Location { get; set; }
    public decimal Work { get; set; }
    public decimal Feedback { get; set; }
    public decimal Complaints { get; set; }
    public decimal Incidents { get; set; }

    public decimal Sum() => Location + Work + Feedback + Complaints + Incidents;
}

public sealed class YearEndPolicy
{
    public int ConsecutiveMonths { get; set; }
    public int TotalMonths { get; set; }
    public decimal TopBonus { get; set; }
    public decimal BottomPenalty { get; set; }
    public bool BottomNoRaise { get; set; }
}

/// <summary>
/// The daily report window (RPT-1, RPT-3), local wall-clock times as <c>HH:mm</c>: a report before the start is early,
/// after the end late; at the end each technician on field duty that day is judged.
/// </summary>
public sealed class DailyReportPolicy
{
    public string WindowStart { get; set; } = "17:00";
    public string WindowEnd { get; set; } = "18:00";

    public static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out time);

    /// <summary>The window of a document that passed its checks.</summary>
    public (TimeOnly Start, TimeOnly End) Window() =>
        TryTime(WindowStart, out var start) && TryTime(WindowEnd, out var end)
            ? (start, end)
            : throw new InvalidOperationException("The daily report window was not checked.");
}

/// <summary>One thing wrong in a policy document: where (a path such as <c>kinds.complaint_attitude.steps[2].bonus</c>) and why (an ErrorText code).</summary>
public sealed record PolicyError(string Path, string Code, params object[] Arguments);

public sealed record PolicyCheck(PolicyDocument? Document, IReadOnlyList<PolicyError> Errors)
{
    public bool IsValid => Document is not null;

    public static PolicyCheck Failed(params PolicyError[] errors) => new(null, errors);
}

/// <summary>INV-3, ASM-10: how many days after a part is replaced it must be shipped back before it is charged as not returned.</summary>
public sealed class InventoryPolicy
{
    public int PartReturnDays { get; set; } = 7;
}

/// <summary>
/// HR-4: the source promises "an appropriate reward" (给予适当的奖励) for news of a customer who wants to buy, without an
/// amount; the manager picks one within this range, and the company sets the range.
/// </summary>
public sealed class SalesLeadPolicy
{
    public decimal RewardMin { get; set; } = 50;
    public decimal RewardMax { get; set; } = 500;
}

/// <summary>
/// HR-2: the deposit held from a person's salary when they start, how soon leaving forfeits it, and how far ahead a
/// resignation must be written. The source says "one month's salary", "within one year" and "one month ahead".
/// </summary>
public sealed class PeoplePolicy
{
    public decimal DepositMonths { get; set; } = 1;
    public int DepositForfeitWithinDays { get; set; } = 365;
    public int ResignationNoticeDays { get; set; } = 30;
}
