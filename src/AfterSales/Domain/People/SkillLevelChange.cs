namespace AfterSales.Domain.People;

/// <summary>Where a skill-level change came from (HR-1).</summary>
public enum SkillLevelSource
{
    /// <summary>The level the person joined at.</summary>
    Initial,
    /// <summary>Set by a manager, with a reason.</summary>
    Manager,
    /// <summary>The month close applied an assessment rule (ASM-14).</summary>
    Rule,
    /// <summary>
    /// The level on file when the history began to be kept (migration <c>SkillHistoryBaseline</c>): people recorded
    /// before it have no entry of joining, and their level then may not be the one they joined at.
    /// </summary>
    OnFile,
}

/// <summary>
/// One entry of a person's skill-level history (HR-1, 技能等级): from which level to which, why, and on whose word — a
/// manager's reason, or the rule (ASM-14) with the month and the policy version of that month's statement. Entries are
/// only ever added.
/// </summary>
public class SkillLevelChange : Entity
{
    public const string RuleAsm14 = "ASM-14";

    private SkillLevelChange() { }

    private SkillLevelChange(int? fromLevel, int toLevel, SkillLevelSource source, DateTimeOffset at)
    {
        FromLevel = fromLevel;
        ToLevel = toLevel;
        Source = source;
        At = at;
    }

    internal static SkillLevelChange Initial(Staff staff, int level, DateTimeOffset at) => new(null, level, SkillLevelSource.Initial, at) { Staff = staff };

    internal static SkillLevelChange ByManager(Staff staff, int from, int to, string reason, int? byId, DateTimeOffset at) =>
        new(from, to, SkillLevelSource.Manager, at) { Staff = staff, StaffId = staff.Id, Reason = reason, ById = byId };

    /// <summary>The month close's change (written in bulk with the close; the person's record is changed beside it).</summary>
    public static SkillLevelChange ByRule(int staffId, int from, int to, string month, string policyVersion, DateTimeOffset at) =>
        new(from, to, SkillLevelSource.Rule, at) { StaffId = staffId, Rule = RuleAsm14, Month = month, PolicyVersion = policyVersion };

    public int StaffId { get; private set; }
    public Staff? Staff { get; private set; }
    public int? FromLevel { get; private set; }
    public int ToLevel { get; private set; }
    public SkillLevelSource Source { get; private set; }
    public string? Reason { get; private set; }
    /// <summary>For a rule entry: the rule (ASM-14), the month of the statement (yyyy-MM) and the policy version it was judged by.</summary>
    public string? Rule { get; private set; }
    public string? Month { get; private set; }
    public string? PolicyVersion { get; private set; }
    public int? ById { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>A person being created joins at another level than the lowest: their initial entry says so.</summary>
    internal void Restate(int level) => ToLevel = level;
}
