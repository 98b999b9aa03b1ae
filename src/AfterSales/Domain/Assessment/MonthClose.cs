namespace AfterSales.Domain.Assessment;

/// <summary>
/// A closed month (月结, ASM-15): its statements are final. It exists once per month — a second close, on this
/// instance or another, meets the unique month and changes nothing.
/// </summary>
public class MonthClose : Entity
{
    private MonthClose() { }

    /// <summary>The month's row; <paramref name="closedById"/> is null when the scheduled close made it (nobody had by its day).</summary>
    public MonthClose(int year, int month, int? closedById, DateTimeOffset at)
    {
        if (month is < 1 or > 12 || year is < 2000 or > 2200) throw new DomainException("MonthFormat") { Field = "Month" };
        Year = year;
        Month = month;
        ClosedById = closedById;
        ClosedAt = at;
    }

    public int Year { get; private set; }
    public int Month { get; private set; }
    public int? ClosedById { get; private set; }
    public DateTimeOffset ClosedAt { get; private set; }
    public int People { get; private set; }
    public int Lines { get; private set; }
    public decimal NetTotal { get; private set; }

    public string Text => $"{Year:0000}-{Month:00}";

    public void Summarize(int people, int lines, decimal netTotal) => (People, Lines, NetTotal) = (people, lines, netTotal);
}

/// <summary>
/// One amount of a closed month's statement: append-only (a later correction is a line of a later month pointing back
/// with <see cref="CorrectsYear"/>/<see cref="CorrectsMonth"/>), with the rule, policy version and reason that produced it.
/// </summary>
public class StatementLine
{
    private StatementLine() { }

    public StatementLine(int year, int month, int staffId, AssessmentLine line, int? incidentId, (int Year, int Month)? corrects, string reasonJson,
        bool reverses = false)
    {
        Reverses = reverses;
        Year = year;
        Month = month;
        StaffId = staffId;
        IncidentId = incidentId;
        Rule = line.Rule;
        PolicyVersion = line.PolicyVersion;
        Kind = line.Kind;
        At = line.At;
        Amount = line.Amount;
        Pot = line.Pot;
        Reason = reasonJson;
        Flags = line.Flags.Count == 0 ? "" : string.Join(',', line.Flags);
        ForfeitsBonus = line.ForfeitsBonus;
        CorrectsYear = corrects?.Year;
        CorrectsMonth = corrects?.Month;
    }

    public long Id { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public int StaffId { get; private set; }
    public int? IncidentId { get; private set; }
    public string Rule { get; private set; } = "";
    public string PolicyVersion { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public decimal Amount { get; private set; }
    public Pot Pot { get; private set; }

    /// <summary>The reason's parts as JSON (code and arguments), rendered in the reader's language.</summary>
    public string Reason { get; private set; } = "[]";
    public string Flags { get; private set; } = "";
    public bool ForfeitsBonus { get; private set; }
    public int? CorrectsYear { get; private set; }
    public int? CorrectsMonth { get; private set; }

    /// <summary>Gives back what an incident upheld on appeal cost in the month it was closed in.</summary>
    public bool Reverses { get; private set; }
}

/// <summary>A person's totals for a closed month (RNK-4), as the statement and the payroll export show them.</summary>
public class MonthStatement
{
    private MonthStatement() { }

    public MonthStatement(int staffId, Statement statement, decimal? score, int? rank, int ranked)
    {
        Score = score;
        Rank = rank;
        Ranked = rank is null ? null : ranked;
        Year = statement.Year;
        Month = statement.Month;
        StaffId = staffId;
        BonusBase = statement.BonusBase;
        BonusDeductions = statement.BonusDeductions;
        BonusForfeited = statement.BonusForfeited;
        PayDeductions = statement.PayDeductions;
        Rewards = statement.Rewards;
        Net = statement.Net;
        SkillLevelChange = statement.SkillLevelChange;
        Flags = string.Join(',', statement.Flags);
    }

    public long Id { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }
    public int StaffId { get; private set; }
    public decimal BonusBase { get; private set; }
    public decimal BonusDeductions { get; private set; }
    public bool BonusForfeited { get; private set; }
    public decimal PayDeductions { get; private set; }
    public decimal Rewards { get; private set; }
    public decimal Net { get; private set; }
    public int SkillLevelChange { get; private set; }
    public string Flags { get; private set; } = "";

    /// <summary>RNK-1/RNK-2: the composite score and the place among <see cref="Ranked"/> technicians (none for people not ranked).</summary>
    public decimal? Score { get; private set; }
    public int? Rank { get; private set; }
    public int? Ranked { get; private set; }
}
