using AfterSales.Domain.Assessment;

namespace AfterSales.Tests.Domain;

/// <summary>RNK-1…RNK-3 under the default policy, computed by hand.</summary>
public sealed class RankingTests
{
    private static readonly PolicyDocument Policy = PolicyDocument.Default();
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-10-31T23:59:59+08:00");

    private static RankingInput Person(string name, int jobs = 10, decimal? satisfaction = 4.5m, int complaints = 0, int incidents = 0,
        int checkIns = 10, int onSite = 10, string? number = null) =>
        new(name, number ?? name, checkIns, onSite, jobs, jobs, satisfaction, complaints, incidents, 0, 0);

    [Fact]
    public void RNK1_the_composite_score_weighs_location_work_feedback_complaints_and_incidents_by_the_policy()
    {
        // Best worker: 100 on every part but feedback 4.5 × 20 = 90 → (20·100 + 30·100 + 25·90 + 10·100 + 15·100) / 100 = 97.5
        // The other: location 8/10 = 80, work 10/20 = 50, feedback 80 (no survey), one complaint 66.67, one incident 90
        // → (1600 + 1500 + 2000 + 666.67 + 1350) / 100 = 71.17
        var scored = CompositeScore.Score([Person("a", jobs: 10), Person("b", jobs: 5, satisfaction: null, complaints: 1, incidents: 1, onSite: 8)],
            Policy.Ranking.Weights);
        Assert.Equal([97.5m, 71.17m], scored.Select(s => s.Score));
    }

    [Fact]
    public void RNK2_top_three_are_rewarded_the_last_three_pay_and_the_very_last_pays_300()
    {
        var people = Enumerable.Range(1, 8).Select(i => Person($"t{i}", jobs: 20 - i)).ToList();
        var ranked = MonthlyRanking.Order(CompositeScore.Score(people, Policy.Ranking.Weights));
        Assert.Equal(["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"], ranked.Select(r => r.Person));
        var lines = MonthlyRanking.Lines(ranked, Policy.Ranking, "1", At).ToList();
        Assert.Equal([("t1", 300m, Pot.Reward), ("t2", 200m, Pot.Reward), ("t3", 100m, Pot.Reward), ("t8", 300m, Pot.Pay), ("t7", 200m, Pot.Pay), ("t6", 100m, Pot.Pay)],
            lines.Select(l => (l.Person, l.Amount, l.Pot)));
        Assert.All(lines, l => Assert.Equal("RNK-2", l.Rule));
    }

    [Fact]
    public void RNK2_ties_are_broken_by_fewer_incidents_then_higher_satisfaction_then_staff_number()
    {
        // The same score on purpose: identical inputs except the tie-breakers, which the score does not see.
        var scored = new[]
        {
            new RankedPerson("c", 80, 0, Person("c", number: "S003", incidents: 0, satisfaction: 4)),
            new RankedPerson("b", 80, 0, Person("b", number: "S002", incidents: 1, satisfaction: 5)),
            new RankedPerson("a", 80, 0, Person("a", number: "S001", incidents: 0, satisfaction: 4)),
            new RankedPerson("d", 80, 0, Person("d", number: "S000", incidents: 0, satisfaction: 4.8m)),
        };
        Assert.Equal(["d", "a", "c", "b"], MonthlyRanking.Order(scored).Select(r => r.Person));
    }

    [Fact]
    public void RNK2_with_fewer_than_six_people_nobody_is_both_top_and_bottom()
    {
        var ranked = MonthlyRanking.Order(CompositeScore.Score([Person("t1", jobs: 9), Person("t2", jobs: 8), Person("t3", jobs: 7), Person("t4", jobs: 6)],
            Policy.Ranking.Weights));
        var lines = MonthlyRanking.Lines(ranked, Policy.Ranking, "1", At).ToList();
        Assert.Equal([("t1", Pot.Reward), ("t2", Pot.Reward), ("t3", Pot.Reward), ("t4", Pot.Pay)], lines.Select(l => (l.Person, l.Pot)));
        Assert.Equal(300m, lines[^1].Amount); // t4 is the very last
    }

    [Theory]
    [InlineData(new[] { 3, 4, 5 }, true)]          // three consecutive months
    [InlineData(new[] { 1, 3, 5, 7, 9 }, true)]    // five in total
    [InlineData(new[] { 1, 3, 5, 7 }, false)]
    [InlineData(new[] { 11, 12 }, false)]
    [InlineData(new[] { 10, 11, 12 }, true)]
    public void RNK3_the_year_end_needs_three_consecutive_months_or_five_in_total(int[] months, bool qualifies)
    {
        Assert.Equal(qualifies, YearEndEvaluation.Qualifies(months, Policy.YearEnd));
        var places = new Dictionary<string, (IReadOnlyCollection<int>, IReadOnlyCollection<int>)> { ["t1"] = (months, []), ["t2"] = ([], months) };
        var lines = YearEndEvaluation.Lines(places, Policy.YearEnd, "1", At).ToList();
        Assert.Equal(qualifies ? 2 : 0, lines.Count);
        if (qualifies)
        {
            Assert.Equal(("t1", 500m, Pot.Reward), (lines[0].Person, lines[0].Amount, lines[0].Pot));
            Assert.Equal(("t2", 500m, Pot.Pay, "noRaise"), (lines[1].Person, lines[1].Amount, lines[1].Pot, lines[1].Flags.Single()));
        }
    }
}
