namespace AfterSales.Domain.Assessment;

/// <summary>
/// Judges incidents by the policy version in force when each happened (POL-1) and sums a month into statements
/// (ASM-0, RNK-4). Pure: the same facts give the same lines, whether they come from the database or a file.
/// </summary>
public sealed class Assessor(Func<DateTimeOffset, PolicyInForce> policyAt, TimeZoneInfo zone)
{
    /// <summary>
    /// The rule classes of each policy step, made once per step rather than once per incident (a month close judges a
    /// million). A loaded policy document is never changed afterwards (an edit is a new version), so they stay right.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Outcome, IReadOnlyList<Consequence>> Consequences = new();

    public TimeZoneInfo Zone => zone;

    /// <summary>
    /// The lines one incident produces: for the person, and the manager's co-penalty. <paramref name="history"/> holds
    /// the person's other incidents (any order, may include later ones and the incident itself: only earlier ones count).
    /// Throws a <see cref="DomainException"/> for an incident the policy cannot judge (an amount outside its range …).
    /// </summary>
    public IReadOnlyList<AssessmentLine> Judge(IncidentFacts incident, IReadOnlyCollection<IncidentFacts> history, string? personsManager = null)
    {
        var (version, policy) = policyAt(incident.At);
        var kind = policy.For(incident.Kind);
        Waiver.Check(incident, kind);
        var lines = new List<AssessmentLine>();
        AssessmentLine Stamp(string person, LineDraft draft, IReadOnlyList<ReasonPart> reason) => new(person, incident.Id, kind.Rule, version,
            incident.Kind, incident.At, draft.Amount, draft.Pot, reason, draft.Flags, draft.ForfeitsBonus);

        if (incident.Waived)
        {
            lines.Add(Stamp(incident.Person, new LineDraft(0, Pot.Bonus, new ReasonPart("Reason.Waived"), []),
                [new ReasonPart("Reason.Kind", incident.Kind), new ReasonPart("Reason.Waived", incident.WaiverReason!)]));
            return lines;
        }
        if (!RepairClassCounts.Applies(incident, kind))
        {
            lines.Add(Stamp(incident.Person, new LineDraft(0, Pot.Bonus, new ReasonPart("Reason.RepairClassExempt"), []),
                [new ReasonPart("Reason.Kind", incident.Kind), new ReasonPart("Reason.RepairClassExempt", incident.RepairClass ?? "")]));
            return lines;
        }

        var occurrence = OccurrenceInPeriod.Of(incident, history, kind, policy, zone);
        var reason = new List<ReasonPart>
        {
            kind.Steps.Count > 1 ? new ReasonPart("Reason.Occurrence", incident.Kind, occurrence, kind.Period) : new ReasonPart("Reason.Kind", incident.Kind),
        };
        var step = kind.Steps[Math.Min(occurrence, kind.Steps.Count) - 1];
        step = SeriousCase.Adjust(step, incident, kind, reason);
        var (adjusted, restorationAdds) = RestoredInTime.Adjust(step, incident, kind, reason);
        var outcomes = new List<(Outcome Outcome, ReasonPart? Why)> { (adjusted, null) };
        if (restorationAdds is not null) outcomes.Add((restorationAdds, new ReasonPart("Reason.NotRestored", kind.NotRestored!.WithinHours)));
        if (FalseReportAdds.Added(incident, kind) is { } falseReport) outcomes.Add((falseReport, new ReasonPart("Reason.FalseReport")));

        foreach (var (outcome, why) in outcomes)
            foreach (var consequence in Consequences.GetValue(outcome, Consequence.Of))
            {
                var draft = consequence.Apply(incident);
                var parts = why is null ? [.. reason, draft.Reason] : new List<ReasonPart>(reason.Take(1)) { why, draft.Reason };
                lines.Add(Stamp(incident.Person, draft, parts));
            }
        if (lines.Count == 0)
            lines.Add(Stamp(incident.Person, new LineDraft(0, Pot.Bonus, new ReasonPart("Reason.NoAmount"), []), [.. reason, new ReasonPart("Reason.NoAmount")]));
        if (ReworkLowersSkill.Line(incident, history, kind, zone) is { } skill)
            lines.Add(Stamp(incident.Person, skill, [new ReasonPart("Reason.Kind", incident.Kind), skill.Reason]));
        foreach (var (manager, draft) in ManagerCoPenalty.Lines(incident, kind, incident.Manager ?? personsManager))
            lines.Add(Stamp(manager, draft, [new ReasonPart("Reason.Kind", incident.Kind), draft.Reason]));
        return lines;
    }

    /// <summary>
    /// A month's statements: every incident of the month judged against the history before it, summed per person.
    /// <paramref name="incidents"/> may hold earlier months (for counting); only the month's incidents produce lines.
    /// <paramref name="extraLines"/> are the month's other entries (ranking rewards and penalties, corrections).
    /// </summary>
    public IReadOnlyList<Statement> Assess(int year, int month, IEnumerable<IncidentFacts> incidents, IEnumerable<PersonFacts> people,
        IEnumerable<AssessmentLine>? extraLines = null)
    {
        var everyone = people.ToDictionary(p => p.Person);
        var byPerson = incidents.GroupBy(i => i.Person).ToDictionary(g => g.Key, g => (IReadOnlyCollection<IncidentFacts>)g.ToList());
        var lines = new List<AssessmentLine>(extraLines ?? []);
        foreach (var (person, history) in byPerson)
            foreach (var incident in history.Where(i => OccurrenceInPeriod.MonthOf(i.At, zone) == (year, month)))
                lines.AddRange(Judge(incident, history, everyone.GetValueOrDefault(person)?.Manager));

        var monthEnd = new DateTimeOffset(new DateTime(year, month, 1).AddMonths(1), zone.GetUtcOffset(new DateTime(year, month, 1).AddMonths(1))).AddTicks(-1);
        var defaultBase = policyAt(monthEnd).Document.BonusBase;
        return everyone.Keys.Union(lines.Select(l => l.Person)).Order(StringComparer.Ordinal)
            .Select(person => Statement.Of(person, year, month, everyone.GetValueOrDefault(person)?.BonusBase ?? defaultBase,
                lines.Where(l => l.Person == person).OrderBy(l => l.At).ThenBy(l => l.IncidentId, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}

/// <summary>
/// A person's month (RNK-4, ASM-0): net = bonus base − bonus deductions (never more than the base; all of it when
/// forfeited) − pay deductions + rewards.
/// </summary>
public sealed record Statement(
    string Person,
    int Year,
    int Month,
    decimal BonusBase,
    decimal BonusDeductions,
    bool BonusForfeited,
    decimal PayDeductions,
    decimal Rewards,
    decimal Net,
    IReadOnlyList<string> Flags,
    int SkillLevelChange,
    IReadOnlyList<AssessmentLine> Lines)
{
    public string MonthText => $"{Year:0000}-{Month:00}";

    public static Statement Of(string person, int year, int month, decimal bonusBase, IReadOnlyList<AssessmentLine> lines)
    {
        var forfeited = lines.Any(l => l.ForfeitsBonus);
        var bonusLines = lines.Where(l => l.Pot == Pot.Bonus).Sum(l => l.Amount);
        var bonusDeductions = forfeited ? bonusBase : Math.Min(bonusLines, bonusBase);
        var pay = lines.Where(l => l.Pot == Pot.Pay).Sum(l => l.Amount);
        var rewards = lines.Where(l => l.Pot == Pot.Reward).Sum(l => l.Amount);
        var flags = lines.SelectMany(l => l.Flags).Distinct().ToList();
        var skill = -lines.Count(l => l.Flags.Contains("skillLevelDown"));
        return new Statement(person, year, month, bonusBase, bonusDeductions, forfeited, pay, rewards,
            bonusBase - bonusDeductions - pay + rewards, flags, skill, lines);
    }
}
