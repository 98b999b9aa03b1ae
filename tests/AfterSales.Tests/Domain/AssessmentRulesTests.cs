using AfterSales.Domain;
using AfterSales.Domain.Assessment;

namespace AfterSales.Tests.Domain;

/// <summary>ASM-0…ASM-14 under the default policy, with amounts computed by hand from REQUIREMENTS.md.</summary>
public sealed class AssessmentRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly PolicyDocument Policy = PolicyDocument.Default();
    private static readonly Assessor Assessor = new(_ => new PolicyInForce("1", Policy), Shanghai);
    private static int _sequence;

    internal static IncidentFacts Incident(string kind, string at, string person = "tech01", decimal? amount = null,
        Severity severity = Severity.Normal, bool waived = false, string? waiverReason = null, bool evidence = false,
        string? manager = "fj.manager", string? restoredAt = null, bool falseReport = false, string? equipment = null,
        string? equipmentKind = null, string? cause = null, string? repairClass = null)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        return new IncidentFacts
        {
            Id = $"i{sequence}", Sequence = sequence, Person = person, Kind = kind, At = DateTimeOffset.Parse(at), Amount = amount,
            Severity = severity, Waived = waived, WaiverReason = waiverReason, HasEvidence = evidence, Manager = manager,
            RestoredAt = restoredAt is null ? null : DateTimeOffset.Parse(restoredAt), FalseReport = falseReport, Equipment = equipment,
            EquipmentKind = equipmentKind, Cause = cause, RepairClass = repairClass,
        };
    }

    private static Statement Month(string person, params IncidentFacts[] incidents) => Month(person, 2026, 10, incidents);

    private static Statement Month(string person, int year, int month, params IncidentFacts[] incidents) =>
        Assessor.Assess(year, month, incidents, [new PersonFacts("tech01", Manager: "fj.manager", BonusBase: 1000)]).Single(s => s.Person == person);

    [Fact]
    public void ASM1_an_incident_that_cannot_be_judged_adds_no_line_to_those_already_judged()
    {
        // The person's 20 is judged before the co-penalty finds no manager: neither may stay in the caller's list.
        var judged = new List<AssessmentLine>();
        var earlier = Incident("gps_anomaly", "2026-10-04T10:00:00+08:00");
        Assessor.Judge(earlier, [earlier], judged);
        var lonely = Incident("gps_anomaly", "2026-10-05T10:00:00+08:00", manager: null);
        var refused = Assert.Throws<DomainException>(() => Assessor.Judge(lonely, [earlier, lonely], judged));
        Assert.Equal("ManagerRequiredForCoPenalty", refused.Code);
        Assert.Equal([earlier.Id, earlier.Id], judged.Select(l => l.IncidentId));
        Assert.Equal([20m, 10m], judged.Select(l => l.Amount));
    }

    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Pacific/Chatham")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("America/Santiago")]
    [InlineData("America/Havana")]
    public void ASM0_a_local_month_holds_exactly_the_instants_whose_local_date_is_in_it(string zoneId)
    {
        // Whether an earlier incident falls in the month is answered from the month's first and last instants, without a
        // time-zone lookup; near the edges, across daylight saving and where it changes the clocks at midnight (Santiago,
        // Havana), the answer must still be the local calendar's.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var random = new Random(20261128);
        for (var n = 0; n < 20_000; n++)
        {
            var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 3 * 365 * 24 * 60));
            var month = OccurrenceInPeriod.MonthAround(at, zone);
            // Within three days of one of the month's edges (or of the neighbours' far edges), where it matters.
            var local = TimeZoneInfo.ConvertTime(at, zone);
            var edge = new DateTime(local.Year, local.Month, 1).AddMonths(random.Next(-1, 3));
            var other = new DateTimeOffset(edge, zone.GetUtcOffset(edge)).AddMinutes(random.Next(-3 * 24 * 60, 3 * 24 * 60));
            Assert.True(month.Contains(other) == (OccurrenceInPeriod.MonthOf(other, zone) == OccurrenceInPeriod.MonthOf(at, zone)),
                $"{zoneId}: {other:O} against the month of {at:O}");
        }
    }

    [Fact]
    public void POL2_the_default_policy_carries_the_values_of_the_requirements()
    {
        Assert.Equal(PolicyDocument.KnownKinds.Order(), Policy.Kinds.Keys.Order());
        Assert.Equal(20, Policy.Kinds["gps_anomaly"].Steps[0].Pay);
        Assert.Equal(10, Policy.Kinds["gps_anomaly"].ManagerCoPenalty!.Pay);
        Assert.Equal([100m, 200m], Policy.Kinds["complaint_attitude"].Steps.Take(2).Select(s => s.Bonus!.Value));
        Assert.True(Policy.Kinds["complaint_attitude"].Steps[2].ForfeitBonus);
        Assert.Equal(90, Policy.ReworkWindowDays);
        Assert.Equal([300m, 200m, 100m], Policy.Ranking.TopRewards);
        Assert.Equal(500, Policy.YearEnd.TopBonus);
    }

    [Fact]
    public void ASM1_a_GPS_anomaly_costs_20_from_pay_and_the_manager_10_for_supervision_failure()
    {
        var incident = Incident("gps_anomaly", "2026-10-05T10:00:00+08:00");
        var technician = Month("tech01", incident);
        Assert.Equal((20m, 0m, 960m + 20m), (technician.PayDeductions, technician.BonusDeductions, technician.Net));
        var line = Assert.Single(technician.Lines);
        Assert.Equal(("ASM-1", "1", Pot.Pay), (line.Rule, line.PolicyVersion, line.Pot));
        var manager = Month("fj.manager", incident);
        var coPenalty = Assert.Single(manager.Lines);
        Assert.Equal((10m, Pot.Pay, "Reason.CoPenalty"), (coPenalty.Amount, coPenalty.Pot, coPenalty.Reason[^1].Code));
        Assert.Equal("tech01", coPenalty.Reason[^1].Arguments[0]);
    }

    [Fact]
    public void ASM6_an_anomaly_reported_in_advance_as_a_special_case_is_waived_for_both()
    {
        var incident = Incident("gps_anomaly", "2026-10-05T10:00:00+08:00", waived: true, waiverReason: "事先向督导部报备：山区无信号");
        var technician = Month("tech01", incident);
        Assert.Equal(1000m, technician.Net);
        Assert.Equal("Reason.Waived", Assert.Single(technician.Lines).Reason[^1].Code);
        Assert.DoesNotContain(Assessor.Assess(2026, 10, [incident], []), s => s.Person == "fj.manager");
        var noReason = Assert.Throws<DomainException>(() => Month("tech01", Incident("gps_anomaly", "2026-10-05T10:00:00+08:00", waived: true)));
        Assert.Equal("WaiverReasonRequired", noReason.Code);
    }

    [Theory]
    [InlineData("2026-10-05T11:00:00+08:00", 20)]   // restored within an hour
    [InlineData("2026-10-05T12:00:00+08:00", 20)]   // exactly 2 h: still in time
    [InlineData("2026-10-05T12:00:01+08:00", 100)]  // a second late: 100 instead of 20
    [InlineData(null, 100)]                         // not restored at all
    public void ASM2_a_suspended_phone_costs_20_or_100_when_not_restored_within_2_hours(string? restoredAt, decimal expected)
    {
        var statement = Month("tech01", Incident("phone_suspended", "2026-10-05T10:00:00+08:00", restoredAt: restoredAt));
        Assert.Equal(expected, statement.PayDeductions);
        Assert.Equal(1000m - expected, statement.Net);
    }

    [Fact]
    public void ASM3_and_ASM5_fixed_fines_from_pay()
    {
        Assert.Equal(50m, Month("tech01", Incident("phone_unreachable", "2026-10-05T10:00:00+08:00")).PayDeductions);
        Assert.Equal(20m, Month("tech01", Incident("supervision_failure", "2026-10-05T10:00:00+08:00")).PayDeductions);
    }

    [Theory]
    [InlineData(false, "2026-10-05T20:00:00+08:00", 0)]    // reported, verified, restored in 10 h: no fine
    [InlineData(true, "2026-10-05T20:00:00+08:00", 500)]   // a false report
    [InlineData(false, "2026-10-06T16:00:00+08:00", 200)]  // restored after 30 h
    [InlineData(false, "2026-10-06T10:00:00+08:00", 0)]    // exactly 24 h
    [InlineData(true, "2026-10-06T16:00:00+08:00", 700)]   // both
    public void ASM4_a_lost_phone_costs_nothing_when_verified_500_for_a_false_report_and_200_when_not_restored_in_24_hours(
        bool falseReport, string restoredAt, decimal expected)
    {
        var statement = Month("tech01", Incident("phone_lost", "2026-10-05T10:00:00+08:00", falseReport: falseReport, restoredAt: restoredAt));
        Assert.Equal(expected, statement.PayDeductions);
        Assert.All(statement.Lines, l => Assert.Equal("ASM-4", l.Rule));
    }

    [Fact]
    public void ASM7_false_claims_count_over_the_whole_employment()
    {
        var first = Incident("expense_false_claim", "2025-09-10T10:00:00+08:00", amount: 80);
        var second = Incident("expense_false_claim", "2026-10-12T10:00:00+08:00", amount: 120.5m);
        var statement = Month("tech01", first, second);
        Assert.True(statement.BonusForfeited);
        Assert.Equal((1000m, 1205m), (statement.BonusDeductions, statement.PayDeductions)); // the whole bonus, and 10 × 120.50
        Assert.Equal(-1205m, statement.Net);
        Assert.Equal("Reason.Multiple", statement.Lines.Single(l => l.Pot == Pot.Pay).Reason[^1].Code);

        var earlier = Month("tech01", 2025, 9, first);
        Assert.True(earlier.BonusForfeited);
        Assert.Equal(0m, earlier.PayDeductions);

        var third = Month("tech01", 2026, 11, first, second, Incident("expense_false_claim", "2026-11-02T10:00:00+08:00", amount: 30));
        Assert.Equal(["dismissalProposed", "notice", "legalAction"], third.Flags);
        Assert.Equal(0m, third.PayDeductions);
    }

    [Fact]
    public void ASM8_refusing_other_equipment_costs_100_the_third_time_in_a_month_the_whole_bonus_and_a_notice()
    {
        var a = Incident("area_duty_refusal", "2026-10-02T10:00:00+08:00");
        var b = Incident("area_duty_refusal", "2026-10-09T10:00:00+08:00");
        Assert.Equal(200m, Month("tech01", a, b).BonusDeductions);
        var three = Month("tech01", a, b, Incident("area_duty_refusal", "2026-10-20T10:00:00+08:00"));
        Assert.True(three.BonusForfeited);
        Assert.Equal(["notice"], three.Flags);
        var serious = Month("tech01", Incident("area_duty_refusal", "2026-10-02T10:00:00+08:00", severity: Severity.Serious));
        Assert.True(serious.BonusForfeited);
        Assert.Equal(["dismissalProposed"], serious.Flags);
    }

    [Fact]
    public void ASM9_soliciting_loses_the_whole_bonus_with_a_notice_and_a_serious_case_proposes_dismissal()
    {
        var normal = Month("tech01", Incident("soliciting", "2026-10-02T10:00:00+08:00"));
        Assert.Equal((true, 1000m, 0m), (normal.BonusForfeited, normal.BonusDeductions, normal.Net));
        Assert.Equal(["notice"], normal.Flags);
        Assert.Equal(["notice", "dismissalProposed"], Month("tech01", Incident("soliciting", "2026-10-02T10:00:00+08:00", severity: Severity.Serious)).Flags);
    }

    [Fact]
    public void ASM10_a_part_not_returned_costs_its_price_from_pay_and_100_from_the_bonus_unless_stolen_with_a_police_report()
    {
        var lost = Month("tech01", Incident("part_not_returned", "2026-10-02T10:00:00+08:00", amount: 350.50m));
        Assert.Equal((350.50m, 100m, 549.50m), (lost.PayDeductions, lost.BonusDeductions, lost.Net));

        var noReport = Assert.Throws<DomainException>(() => Month("tech01",
            Incident("part_not_returned", "2026-10-02T10:00:00+08:00", amount: 350.50m, waived: true, waiverReason: "被盗")));
        Assert.Equal("WaiverNeedsEvidence", noReport.Code);
        var stolen = Month("tech01", Incident("part_not_returned", "2026-10-02T10:00:00+08:00", amount: 350.50m, waived: true,
            waiverReason: "被盗，已报案", evidence: true));
        Assert.Equal(1000m, stolen.Net);

        var sold = Month("tech01", Incident("part_sold", "2026-10-02T10:00:00+08:00"));
        Assert.Equal(["dismissalProposed", "notice", "legalAction"], sold.Flags);
        Assert.Equal("IncidentNotWaivable", Assert.Throws<DomainException>(() => Month("tech01",
            Incident("part_sold", "2026-10-02T10:00:00+08:00", waived: true, waiverReason: "x", evidence: true))).Code);
    }

    [Fact]
    public void ASM11_complaints_in_a_calendar_month_cost_100_then_200_and_the_third_the_whole_bonus()
    {
        var first = Incident("complaint_attitude", "2026-10-01T09:00:00+08:00");
        var second = Incident("complaint_attitude", "2026-10-15T09:00:00+08:00");
        var third = Incident("complaint_attitude", "2026-10-31T23:59:00+08:00");
        Assert.Equal(100m, Month("tech01", first).BonusDeductions);
        Assert.Equal(300m, Month("tech01", first, second).BonusDeductions);
        var all = Month("tech01", first, second, third);
        Assert.Equal((true, 1000m, 0m), (all.BonusForfeited, all.BonusDeductions, all.Net));
        Assert.Equal(3, all.Lines.Count);
        // 00:01 on 1 November in Beijing is still 31 October in UTC: counted in November, from the first again.
        var november = Month("tech01", 2026, 11, first, second, third, Incident("complaint_attitude", "2026-11-01T00:01:00+08:00"));
        Assert.Equal(100m, november.BonusDeductions);
    }

    [Theory]
    [InlineData("leaving_post", 100, true)]
    [InlineData("leaving_post", 500, true)]
    [InlineData("leaving_post", 99.99, false)]
    [InlineData("leaving_post", 500.01, false)]
    [InlineData("harmful_conduct", 50, true)]
    [InlineData("harmful_conduct", 200, true)]
    [InlineData("harmful_conduct", 250, false)]
    public void ASM12_the_manager_chooses_the_amount_within_the_range_and_outside_it_is_refused(string kind, decimal amount, bool accepted)
    {
        var incident = Incident(kind, "2026-10-02T10:00:00+08:00", amount: amount);
        if (accepted)
        {
            Assert.Equal(amount, Month("tech01", incident).BonusDeductions);
            return;
        }
        var refused = Assert.Throws<DomainException>(() => Month("tech01", incident));
        Assert.Equal(("AmountOutsideRange", "Amount"), (refused.Code, refused.Field));
    }

    [Fact]
    public void ASM12_a_range_needs_the_chosen_amount()
    {
        Assert.Equal("IncidentAmountRequired", Assert.Throws<DomainException>(() => Month("tech01", Incident("leaving_post", "2026-10-02T10:00:00+08:00"))).Code);
    }

    [Fact]
    public void ASM13_daily_report_incidents_cost_20_and_callback_findings_40_from_the_bonus()
    {
        var statement = Month("tech01",
            Incident("daily_report_late", "2026-10-02T18:10:00+08:00"), Incident("daily_report_missing", "2026-10-03T18:00:00+08:00"),
            Incident("daily_report_wrong", "2026-10-04T17:30:00+08:00"), Incident("callback_false_report", "2026-10-05T10:00:00+08:00"),
            Incident("callback_bad_attitude", "2026-10-06T10:00:00+08:00"));
        Assert.Equal(20m * 3 + 40m * 2, statement.BonusDeductions);
        Assert.Equal(0m, statement.PayDeductions);
    }

    [Fact]
    public void ASM14_a_repair_redone_within_the_window_costs_100_for_the_second_job_and_300_for_the_third()
    {
        IncidentFacts Redo(string at, string repairClass = "minor", string equipment = "SN1", string cause = "漏水") =>
            Incident("repair_redone", at, equipment: equipment, equipmentKind: "智能马桶", cause: cause, repairClass: repairClass);
        var second = Redo("2026-10-02T10:00:00+08:00");
        var third = Redo("2026-10-20T10:00:00+08:00");
        Assert.Equal(400m, Month("tech01", second, third).BonusDeductions);
        // Another cause on the same equipment, and the same cause after the 90-day window: the ladder starts again.
        Assert.Equal(100m, Month("tech01", 2026, 10, Redo("2026-10-02T10:00:00+08:00", cause: "异响")).BonusDeductions);
        Assert.Equal(100m, Month("tech01", 2027, 1, second, Redo("2027-01-05T10:00:00+08:00")).BonusDeductions);
        // A major repair redone is recorded without amount and does not count.
        var major = Month("tech01", Redo("2026-10-02T10:00:00+08:00", repairClass: "major"));
        Assert.Equal(0m, major.BonusDeductions);
        Assert.Equal("Reason.RepairClassExempt", Assert.Single(major.Lines).Reason[^1].Code);
    }

    [Fact]
    public void ASM14_HR1_the_third_rework_on_one_kind_of_equipment_lowers_the_skill_level_once()
    {
        IncidentFacts Redo(string at, string equipment) =>
            Incident("repair_redone", at, equipment: equipment, equipmentKind: "智能马桶", cause: "漏水-" + equipment, repairClass: "medium");
        var a = Redo("2026-08-02T10:00:00+08:00", "SN1");
        var b = Redo("2026-09-02T10:00:00+08:00", "SN2");
        var c = Redo("2026-10-02T10:00:00+08:00", "SN3");
        var d = Redo("2026-10-22T10:00:00+08:00", "SN4");
        var october = Month("tech01", a, b, c, d);
        Assert.Equal(-1, october.SkillLevelChange);
        Assert.Equal(["skillLevelDown"], october.Flags);
        Assert.Equal(0, Month("tech01", 2026, 9, a, b, c, d).SkillLevelChange);
    }

    [Fact]
    public void ASM0_judging_looks_back_over_the_month_the_rework_window_or_the_whole_employment_as_each_kind_is_counted()
    {
        // ASM-7 false claims count over the employment, and reworks lower the skill level over it (ASM-14); the rest count by month.
        var lookback = Lookback.Of([Policy]);
        Assert.Equal(["expense_false_claim", "repair_redone"], lookback.WholeEmploymentKinds.Order());
        Assert.Equal(0, lookback.Days);
        var start = DateTimeOffset.Parse("2026-10-01T00:00:00+08:00");
        Assert.Equal(start, lookback.From(start));

        // Without the skill-level rule a rework looks back only over the window, which the version sets to 60 days.
        var windowOnly = PolicyDocument.Default();
        windowOnly.Kinds["repair_redone"].SkillLevelDown = null;
        windowOnly.ReworkWindowDays = 60;
        var alone = Lookback.Of([windowOnly]);
        Assert.Equal(["expense_false_claim"], alone.WholeEmploymentKinds.Order());
        Assert.Equal(start.AddDays(-60), alone.From(start));
        // Judged by either version (a month across a change): the longer look back of each kind.
        Assert.Equal(["expense_false_claim", "repair_redone"], Lookback.Of([Policy, windowOnly]).WholeEmploymentKinds.Order());
    }

    [Fact]
    public void ASM0_the_bonus_never_goes_below_zero_while_pay_deductions_are_not_capped()
    {
        var statement = Assessor.Assess(2026, 10,
            [Incident("complaint_attitude", "2026-10-01T09:00:00+08:00"), Incident("complaint_attitude", "2026-10-02T09:00:00+08:00"),
             Incident("phone_unreachable", "2026-10-03T09:00:00+08:00"), Incident("phone_unreachable", "2026-10-04T09:00:00+08:00")],
            [new PersonFacts("tech01", BonusBase: 250)]).Single(s => s.Person == "tech01");
        Assert.Equal((250m, 250m, false, 100m, -100m), (statement.BonusBase, statement.BonusDeductions, statement.BonusForfeited, statement.PayDeductions, statement.Net));
    }

    [Fact]
    public void POL1_an_incident_is_judged_by_the_version_in_force_when_it_happened()
    {
        var raised = PolicyDocument.Parse(PolicyDocument.DefaultText().Replace("      - pay: 50", "      - pay: 80")).Document!;
        var assessor = new Assessor(at => at < DateTimeOffset.Parse("2026-10-15T00:00:00+08:00") ? new PolicyInForce("1", Policy) : new PolicyInForce("2", raised), Shanghai);
        var statement = assessor.Assess(2026, 10,
            [Incident("phone_unreachable", "2026-10-14T23:59:00+08:00"), Incident("phone_unreachable", "2026-10-15T00:00:00+08:00")], [])
            .Single(s => s.Person == "tech01");
        Assert.Equal([(50m, "1"), (80m, "2")], statement.Lines.Select(l => (l.Amount, l.PolicyVersion)));
    }
}
