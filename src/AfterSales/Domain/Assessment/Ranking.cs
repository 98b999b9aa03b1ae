namespace AfterSales.Domain.Assessment;

/// <summary>What a technician's month shows for the composite score (RNK-1), counted from the system's own records.</summary>
public sealed record RankingInput(
    string Person,
    string StaffNumber,
    int CheckIns,
    int CheckInsOnSite,
    int JobsCompleted,
    int RecordsSigned,
    decimal? AverageSatisfaction,
    int Complaints,
    int Incidents,
    int LocationIncidents,
    int ReportIncidents);

/// <summary>A technician's composite score and place in the month.</summary>
public sealed record RankedPerson(string Person, decimal Score, int Rank, RankingInput Input)
{
    public decimal Location { get; init; }
    public decimal Work { get; init; }
    public decimal Feedback { get; init; }
    public decimal ComplaintsScore { get; init; }
    public decimal IncidentsScore { get; init; }
}

/// <summary>
/// RNK-1: each part scored 0–100, weighted by the policy. Location: check-ins on site, less 10 per location incident;
/// work: jobs completed and records signed against the month's best, less 10 per daily-report incident; feedback:
/// the average satisfaction (1–5) as a share, a month without surveys counting 80; complaints: 100 less a third per
/// complaint; incidents: 100 less 10 per other incident.
/// </summary>
public static class CompositeScore
{
    public static IReadOnlyList<RankedPerson> Score(IReadOnlyList<RankingInput> people, RankingWeights weights)
    {
        var bestWork = Math.Max(1, people.Select(p => p.JobsCompleted + p.RecordsSigned).DefaultIfEmpty(0).Max());
        var total = weights.Sum();
        return people.Select(p =>
        {
            var location = Clamp((p.CheckIns == 0 ? 100m : 100m * p.CheckInsOnSite / p.CheckIns) - 10 * p.LocationIncidents);
            var work = Clamp(100m * (p.JobsCompleted + p.RecordsSigned) / bestWork - 10 * p.ReportIncidents);
            var feedback = p.AverageSatisfaction is { } average ? Clamp(average * 20) : 80m;
            var complaints = Clamp(100m - 100m / 3 * p.Complaints);
            var incidents = Clamp(100m - 10 * p.Incidents);
            var score = decimal.Round((weights.Location * location + weights.Work * work + weights.Feedback * feedback
                + weights.Complaints * complaints + weights.Incidents * incidents) / total, 2);
            return new RankedPerson(p.Person, score, 0, p)
            {
                Location = decimal.Round(location, 1), Work = decimal.Round(work, 1), Feedback = decimal.Round(feedback, 1),
                ComplaintsScore = decimal.Round(complaints, 1), IncidentsScore = decimal.Round(incidents, 1),
            };
        }).ToList();
    }

    private static decimal Clamp(decimal value) => Math.Clamp(value, 0, 100);
}

/// <summary>
/// RNK-2: the month's order — higher score first; ties broken by fewer incidents, then higher satisfaction, then staff
/// number — and the rewards of the top three and penalties of the last three (the very last losing the most). With
/// fewer people than the policy's minimum, nobody is both top and bottom.
/// </summary>
public static class MonthlyRanking
{
    public static IReadOnlyList<RankedPerson> Order(IEnumerable<RankedPerson> scored) =>
        scored.OrderByDescending(p => p.Score)
            .ThenBy(p => p.Input.Incidents + p.Input.Complaints)
            .ThenByDescending(p => p.Input.AverageSatisfaction ?? 0)
            .ThenBy(p => p.Input.StaffNumber, StringComparer.Ordinal)
            .Select((p, i) => p with { Rank = i + 1 })
            .ToList();

    /// <summary>The ranking's amounts, as lines of the month named RNK-2.</summary>
    public static IEnumerable<AssessmentLine> Lines(IReadOnlyList<RankedPerson> ranked, RankingPolicy policy, string policyVersion, DateTimeOffset at)
    {
        var top = ranked.Take(Math.Min(policy.TopRewards.Count, ranked.Count)).ToList();
        for (var i = 0; i < top.Count; i++)
            if (policy.TopRewards[i] > 0)
                yield return Line(top[i], policy.TopRewards[i], Pot.Reward, new ReasonPart("Reason.RankTop", top[i].Rank, top[i].Score), policyVersion, at);
        var bottomCount = Math.Min(policy.BottomPenalties.Count, ranked.Count - top.Count);
        // The very last takes the first (largest) penalty.
        for (var i = 0; i < bottomCount; i++)
        {
            var person = ranked[ranked.Count - 1 - i];
            if (policy.BottomPenalties[i] > 0)
                yield return Line(person, policy.BottomPenalties[i], Pot.Pay, new ReasonPart("Reason.RankBottom", i + 1, person.Score), policyVersion, at);
        }
    }

    private static AssessmentLine Line(RankedPerson person, decimal amount, Pot pot, ReasonPart reason, string version, DateTimeOffset at) =>
        new(person.Person, "", "RNK-2", version, "ranking", at, amount, pot, [reason], []);
}

/// <summary>
/// RNK-3: at the year's last close, a person in the top three in the required consecutive months, or in enough months
/// in total, gets the year-end bonus; the bottom three likewise lose it and get no raise that year.
/// </summary>
public static class YearEndEvaluation
{
    /// <summary>The year-end lines from each person's months (1–12) in the top three and in the bottom three.</summary>
    public static IEnumerable<AssessmentLine> Lines(IReadOnlyDictionary<string, (IReadOnlyCollection<int> Top, IReadOnlyCollection<int> Bottom)> places,
        YearEndPolicy policy, string policyVersion, DateTimeOffset at)
    {
        foreach (var (person, (top, bottom)) in places.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (Qualifies(top, policy) && policy.TopBonus > 0)
                yield return new AssessmentLine(person, "", "RNK-3", policyVersion, "year_end", at, policy.TopBonus, Pot.Reward,
                    [new ReasonPart("Reason.YearEndTop", top.Count)], []);
            if (Qualifies(bottom, policy))
                yield return new AssessmentLine(person, "", "RNK-3", policyVersion, "year_end", at, policy.BottomPenalty, Pot.Pay,
                    [new ReasonPart("Reason.YearEndBottom", bottom.Count)], policy.BottomNoRaise ? ["noRaise"] : []);
        }
    }

    public static bool Qualifies(IReadOnlyCollection<int> months, YearEndPolicy policy)
    {
        if (months.Count >= policy.TotalMonths) return true;
        var run = 0;
        var previous = -1;
        foreach (var month in months.Order())
        {
            run = month == previous + 1 ? run + 1 : 1;
            previous = month;
            if (run >= policy.ConsecutiveMonths) return true;
        }
        return false;
    }
}
