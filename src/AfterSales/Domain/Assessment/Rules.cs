namespace AfterSales.Domain.Assessment;

/// <summary>
/// The nth time in the period the kind names (ASM-0): the calendar month, the rework window (same equipment, same
/// cause), or the whole employment. Waived incidents and repairs of classes the rule leaves out are not counted.
/// </summary>
public static class OccurrenceInPeriod
{
    public static int Of(IncidentFacts incident, IReadOnlyList<IncidentFacts> history, KindPolicy kind, PolicyDocument policy, TimeZoneInfo zone)
    {
        var month = MonthAround(incident.At, zone);
        var windowStart = kind.Period == "reworkWindow" ? incident.At.AddDays(-policy.ReworkWindowDays) : default;
        // A loop rather than a query: a month close counts for a million incidents.
        var count = 1;
        for (var k = 0; k < history.Count; k++)
        {
            var earlier = history[k];
            if (earlier.Person != incident.Person || earlier.Kind != incident.Kind || !Counts(earlier, kind) || !IsBefore(earlier, incident)) continue;
            var inPeriod = kind.Period switch
            {
                "month" => month.Contains(earlier.At),
                "reworkWindow" => earlier.Equipment == incident.Equipment && earlier.Cause == incident.Cause && earlier.At >= windowStart,
                _ => true,
            };
            if (inPeriod) count++;
        }
        return count;
    }

    /// <summary>Whether an incident counts towards later ones at all.</summary>
    public static bool Counts(IncidentFacts incident, KindPolicy kind) => !incident.Waived && RepairClassCounts.Applies(incident, kind);

    /// <summary>Earlier in time; at the same instant, the one recorded first.</summary>
    public static bool IsBefore(IncidentFacts earlier, IncidentFacts incident) =>
        earlier.At < incident.At || (earlier.At == incident.At && earlier.Sequence < incident.Sequence);

    /// <summary>The local month <paramref name="at"/> falls in, as a window that tells whether other instants do.</summary>
    public static LocalMonth MonthAround(DateTimeOffset at, TimeZoneInfo zone)
    {
        // One thread judges a person's incidents one after the other, mostly of one month: the last one is kept.
        var month = MonthOf(at, zone);
        if (_lastMonth is { } last && ReferenceEquals(last.Zone, zone) && last.Month == month) return last.Local;
        var local = new LocalMonth(month, zone);
        _lastMonth = (zone, month, local);
        return local;
    }

    [ThreadStatic] private static (TimeZoneInfo Zone, (int Year, int Month) Month, LocalMonth Local)? _lastMonth;

    public static (int Year, int Month) MonthOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return (local.Year, local.Month);
    }
}

/// <summary>
/// A local calendar month as the instants it runs between: from the first moment of its first day to that of the next
/// month. Worked out once per incident, then asked for each earlier one without a time-zone lookup.
/// </summary>
public readonly struct LocalMonth
{
    public LocalMonth((int Year, int Month) month, TimeZoneInfo zone)
    {
        var first = new DateTime(month.Year, month.Month, 1);
        (Start, End) = (FirstMoment(first, zone), FirstMoment(first.AddMonths(1), zone));
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    /// <summary>
    /// When a day begins. A midnight the clocks skip (Santiago in September) is reached at the standard offset; one they
    /// repeat (Havana in November) first happens at the larger offset, before the clocks go back.
    /// </summary>
    private static DateTimeOffset FirstMoment(DateTime midnight, TimeZoneInfo zone) =>
        new(midnight, zone.IsAmbiguousTime(midnight) ? zone.GetAmbiguousTimeOffsets(midnight).Max() : zone.GetUtcOffset(midnight));
}

/// <summary>
/// How far back judging a month's incidents looks (ASM-0, ASM-14), so a close reads that and not every incident ever:
/// a ladder counted by month looks back to the incident's month's start, one counted over the rework window that many
/// days further, and the kinds counted over the whole employment (the ladder's period or the skill-level rule's) need
/// all of the person's incidents of the kind.
/// </summary>
public sealed record Lookback(IReadOnlySet<string> WholeEmploymentKinds, int Days)
{
    /// <summary>What judging by any of <paramref name="policies"/> needs (each incident is judged by the one in force when it happened).</summary>
    public static Lookback Of(IEnumerable<PolicyDocument> policies)
    {
        var wholeEmployment = new HashSet<string>(StringComparer.Ordinal);
        var days = 0;
        foreach (var policy in policies)
            foreach (var (name, kind) in policy.Kinds)
            {
                if (kind.Period is not ("month" or "reworkWindow") || kind.SkillLevelDown is { Period: not "month" }) wholeEmployment.Add(name);
                else if (kind.Period == "reworkWindow") days = Math.Max(days, policy.ReworkWindowDays);
            }
        return new Lookback(wholeEmployment, days);
    }

    /// <summary>The earliest incident judging needs, other than of the whole-employment kinds, for incidents from <paramref name="firstMonthStart"/> on.</summary>
    public DateTimeOffset From(DateTimeOffset firstMonthStart) => firstMonthStart.AddDays(-Days);
}

/// <summary>ASM-14: only minor and medium repairs are judged as rework; a redone major repair is recorded without amount.</summary>
public static class RepairClassCounts
{
    public static bool Applies(IncidentFacts incident, KindPolicy kind) =>
        kind.RepairClasses is not { Count: > 0 } classes || (incident.RepairClass is { } repairClass && classes.Contains(repairClass));
}

/// <summary>A serious case replaces the step of the ladder with the policy's serious outcome (ASM-8, ASM-9).</summary>
public static class SeriousCase
{
    public static Outcome Adjust(Outcome step, IncidentFacts incident, KindPolicy kind, out ReasonPart? why)
    {
        why = null;
        if (incident.Severity != Severity.Serious || kind.Serious is not { } serious) return step;
        why = ReasonPart.Serious;
        return serious;
    }
}

/// <summary>A phone not restored within the policy's hours (ASM-2: 100 instead of 20; ASM-4: 200 more). No restoration yet counts as not restored.</summary>
public static class RestoredInTime
{
    public static (Outcome Step, Outcome? Added) Adjust(Outcome step, IncidentFacts incident, KindPolicy kind, out ReasonPart? why)
    {
        why = null;
        if (kind.NotRestored is not { } rule) return (step, null);
        var restoredInTime = incident.RestoredAt is { } restored && restored - incident.At <= TimeSpan.FromHours((double)rule.WithinHours);
        if (restoredInTime) return (step, null);
        why = new ReasonPart("Reason.NotRestored", rule.WithinHours);
        return rule.Replace is { } replace ? (replace, null) : (step, rule.Add);
    }
}

/// <summary>A false report adds the policy's amount (ASM-4: a phone reported lost that was not: 500).</summary>
public static class FalseReportAdds
{
    public static Outcome? Added(IncidentFacts incident, KindPolicy kind) => incident.FalseReport ? kind.FalseReport : null;
}

/// <summary>
/// A waiver (ASM-6: reported in advance as a special case; ASM-10: stolen with a police report) keeps the incident on
/// record without amount. Some kinds cannot be waived; some need the evidence attached.
/// </summary>
public static class Waiver
{
    public static void Check(IncidentFacts incident, KindPolicy kind)
    {
        if (!incident.Waived) return;
        if (!kind.Waivable) throw new DomainException("IncidentNotWaivable") { Field = "Waived" };
        if (string.IsNullOrWhiteSpace(incident.WaiverReason)) throw new DomainException("WaiverReasonRequired") { Field = "WaiverReason" };
        if (kind.WaiverNeedsEvidence && !incident.HasEvidence) throw new DomainException("WaiverNeedsEvidence") { Field = "Waived" };
    }
}

/// <summary>The manager's share of a subordinate's incident (ASM-1: 10 from pay for supervision failure).</summary>
public static class ManagerCoPenalty
{
    public static (string Manager, LineDraft Line)[] Lines(IncidentFacts incident, KindPolicy kind, string? manager)
    {
        if (kind.ManagerCoPenalty is not { } coPenalty || incident.Waived) return [];
        if (string.IsNullOrWhiteSpace(manager)) throw new DomainException("ManagerRequiredForCoPenalty") { Field = "Manager" };
        var consequences = Consequence.Of(coPenalty);
        var lines = new (string, LineDraft)[consequences.Length];
        for (var k = 0; k < consequences.Length; k++)
            lines[k] = (manager, consequences[k].Apply(incident) with { Reason = new ReasonPart("Reason.CoPenalty", incident.Person) });
        return lines;
    }
}

/// <summary>ASM-14 / HR-1: a technician's reworks on one kind of equipment reaching the policy's count lower the skill level by one.</summary>
public static class ReworkLowersSkill
{
    public static LineDraft? Line(IncidentFacts incident, IReadOnlyList<IncidentFacts> history, KindPolicy kind, TimeZoneInfo zone)
    {
        if (kind.SkillLevelDown is not { } rule || incident.Waived || !RepairClassCounts.Applies(incident, kind)
            || string.IsNullOrWhiteSpace(incident.EquipmentKind)) return null;
        var month = OccurrenceInPeriod.MonthAround(incident.At, zone);
        var count = 1;
        for (var k = 0; k < history.Count; k++)
        {
            var earlier = history[k];
            if (earlier.Person == incident.Person && earlier.Kind == incident.Kind && earlier.EquipmentKind == incident.EquipmentKind
                && OccurrenceInPeriod.Counts(earlier, kind) && OccurrenceInPeriod.IsBefore(earlier, incident)
                && (rule.Period != "month" || month.Contains(earlier.At))) count++;
        }
        return count == rule.Count
            ? new LineDraft(0, Pot.Bonus, new ReasonPart("Reason.SkillLevelDown", count, incident.EquipmentKind), ["skillLevelDown"])
            : null;
    }
}
