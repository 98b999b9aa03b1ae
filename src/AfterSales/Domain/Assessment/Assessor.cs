namespace AfterSales.Domain.Assessment;

/// <summary>
/// Judges incidents by the policy version in force when each happened (POL-1) and sums a month into statements
/// (ASM-0, RNK-4). Pure: the same facts give the same lines, whether they come from the database or a file.
/// </summary>
public sealed class Assessor(Func<DateTimeOffset, PolicyInForce> policyAt, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    /// <summary>Reason parts that name a kind (and the occurrence), shared by the lines of a close like the texts they hold.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, int? Occurrence, string? Period), ReasonPart> _kindParts = new();

    /// <summary>No amount, as the waived, exempt and amount-less lines record it.</summary>
    private static readonly LineDraft Nothing = new(0, Pot.Bonus, ReasonPart.NoAmount, []);

    /// <summary>
    /// The lines one incident produces: for the person, and the manager's co-penalty. <paramref name="history"/> holds
    /// the person's other incidents (any order, may include later ones and the incident itself: only earlier ones count).
    /// Throws a <see cref="DomainException"/> for an incident the policy cannot judge (an amount outside its range …).
    /// </summary>
    public IReadOnlyList<AssessmentLine> Judge(IncidentFacts incident, IReadOnlyList<IncidentFacts> history, string? personsManager = null)
    {
        var lines = new List<AssessmentLine>(1);
        Judge(incident, history, lines, personsManager);
        return lines;
    }

    /// <summary>
    /// The same, adding the lines to <paramref name="lines"/> (a close judges a million incidents into one list per
    /// person); if the incident cannot be judged, nothing is added.
    /// </summary>
    public void Judge(IncidentFacts incident, IReadOnlyList<IncidentFacts> history, List<AssessmentLine> lines, string? personsManager = null)
    {
        var (version, policy) = policyAt(incident.At);
        var kind = policy.For(incident.Kind);
        Waiver.Check(incident, kind);
        var first = lines.Count;
        try
        {
            Judge(incident, history, kind, policy, version, lines, personsManager);
        }
        catch (DomainException)
        {
            lines.RemoveRange(first, lines.Count - first);
            throw;
        }
    }

    private void Judge(IncidentFacts incident, IReadOnlyList<IncidentFacts> history, KindPolicy kind, PolicyDocument policy, string version,
        List<AssessmentLine> lines, string? personsManager)
    {
        var first = lines.Count;
        AssessmentLine Stamp(string person, LineDraft draft, IReadOnlyList<ReasonPart> reason) => new(person, incident.Id, kind.Rule, version,
            incident.Kind, incident.At, draft.Amount, draft.Pot, reason, draft.Flags, draft.ForfeitsBonus);

        if (incident.Waived)
        {
            lines.Add(Stamp(incident.Person, Nothing, [KindPart(incident.Kind), new ReasonPart("Reason.Waived", incident.WaiverReason!)]));
            return;
        }
        if (!RepairClassCounts.Applies(incident, kind))
        {
            lines.Add(Stamp(incident.Person, Nothing,
                [KindPart(incident.Kind), new ReasonPart("Reason.RepairClassExempt", incident.RepairClass ?? "")]));
            return;
        }

        var occurrence = OccurrenceInPeriod.Of(incident, history, kind, policy, zone);
        var head = kind.Steps.Count > 1 ? KindPart(incident.Kind, (occurrence, kind.Period)) : KindPart(incident.Kind);
        var step = kind.Steps[Math.Min(occurrence, kind.Steps.Count) - 1];
        step = SeriousCase.Adjust(step, incident, kind, out var serious);
        var (adjusted, restorationAdds) = RestoredInTime.Adjust(step, incident, kind, out var notRestored);
        // The step's lines give the whole reason (the step, a serious case, not restored in time); an amount added
        // on top gives the step and its own cause.
        void Apply(Outcome outcome, ReasonPart? why)
        {
            foreach (var consequence in Consequence.Of(outcome))
            {
                var draft = consequence.Apply(incident);
                lines.Add(Stamp(incident.Person, draft, why is not null ? [head, why, draft.Reason] : Reason(head, serious, notRestored, draft.Reason)));
            }
        }
        Apply(adjusted, null);
        if (restorationAdds is not null) Apply(restorationAdds, notRestored);
        if (FalseReportAdds.Added(incident, kind) is { } falseReport) Apply(falseReport, ReasonPart.FalseReport);
        if (lines.Count == first) lines.Add(Stamp(incident.Person, Nothing, Reason(head, serious, notRestored, ReasonPart.NoAmount)));
        if (ReworkLowersSkill.Line(incident, history, kind, zone) is { } skill)
            lines.Add(Stamp(incident.Person, skill, [KindPart(incident.Kind), skill.Reason]));
        foreach (var (manager, draft) in ManagerCoPenalty.Lines(incident, kind, incident.Manager ?? personsManager))
            lines.Add(Stamp(manager, draft, [KindPart(incident.Kind), draft.Reason]));
    }

    private static ReasonPart[] Reason(ReasonPart head, ReasonPart? serious, ReasonPart? notRestored, ReasonPart last) => (serious, notRestored) switch
    {
        (null, null) => [head, last],
        ({ } s, null) => [head, s, last],
        (null, { } n) => [head, n, last],
        ({ } s, { } n) => [head, s, n, last],
    };

    /// <summary>"Reason.Kind", or "Reason.Occurrence" with the nth time in the period.</summary>
    private ReasonPart KindPart(string kind, (int Count, string Period)? occurrence = null)
    {
        var key = (kind, occurrence?.Count, occurrence?.Period);
        if (_kindParts.TryGetValue(key, out var part)) return part;
        part = occurrence is { } o ? new ReasonPart("Reason.Occurrence", kind, o.Count, o.Period) : new ReasonPart("Reason.Kind", kind);
        // Bounded: a kind's texts are few, but a count over the whole employment can grow.
        return _kindParts.Count < 10_000 ? _kindParts.GetOrAdd(key, part) : part;
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
        var byPerson = incidents.GroupBy(i => i.Person).ToDictionary(g => g.Key, g => (IReadOnlyList<IncidentFacts>)g.ToList());
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
