using AfterSales.Domain.Assessment;
using CsCheck;

namespace AfterSales.Tests.Domain;

/// <summary>POL-1/POL-2: a policy document with an error is refused with the field and the reason; ASM-0 invariants over random months.</summary>
public sealed class AssessmentPolicyTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static PolicyError SingleError(string text)
    {
        var check = PolicyDocument.Parse(text);
        Assert.Null(check.Document);
        return Assert.Single(check.Errors);
    }

    private static string Default => PolicyDocument.DefaultText();

    [Fact]
    public void A_misspelt_field_is_refused_with_its_line()
    {
        var error = SingleError(Default.Replace("bonusBase: 1000", "bonusBas: 1000"));
        Assert.Equal("Policy.Unreadable", error.Code);
        Assert.StartsWith("line 10,", error.Path);
        Assert.Contains("bonusBas", (string)error.Arguments[0]);
    }

    [Theory]
    [InlineData("      - bonus: 200", "      - bonus: -200", "kinds.complaint_attitude.steps[1].bonus", "Policy.Negative")]
    [InlineData("      - bonus: 200", "      - bonus: 200.005", "kinds.complaint_attitude.steps[1].bonus", "Policy.Cents")]
    [InlineData("{ min: 100, max: 500 }", "{ min: 600, max: 500 }", "kinds.leaving_post.steps[0].bonusRange", "Policy.RangeReversed")]
    [InlineData("flags: [notice]\n    serious:", "flags: [notise]\n    serious:", "kinds.area_duty_refusal.steps[2].flags[0]", "Policy.OneOf")]
    [InlineData("    period: employment\n    steps:\n      - forfeitBonus", "    period: career\n    steps:\n      - forfeitBonus", "kinds.expense_false_claim.period", "Policy.OneOf")]
    [InlineData("reworkWindowDays: 90", "reworkWindowDays: 0", "reworkWindowDays", "Policy.OutOfRange")]
    [InlineData("      withinHours: 2", "      withinHours: 0", "kinds.phone_suspended.notRestored.withinHours", "Policy.MustBePositive")]
    [InlineData("  minimumForBoth: 6", "  minimumForBoth: 4", "ranking.minimumForBoth", "Policy.AtLeast")]
    public void A_wrong_value_is_refused_with_its_field_and_reason(string from, string to, string path, string code)
    {
        var at = Default.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, from);
        var error = SingleError(Default[..at] + to + Default[(at + from.Length)..]);
        Assert.Equal((path, code), (error.Path, error.Code));
    }

    [Fact]
    public void Every_kind_must_be_judged_and_no_unknown_kind_is_accepted()
    {
        var withoutSoliciting = Default.Replace("  soliciting:  ", "  solicitingx: ");
        var errors = PolicyDocument.Parse(withoutSoliciting).Errors;
        Assert.Contains(errors, e => e is { Path: "kinds.soliciting", Code: "Policy.KindMissing" });
        Assert.Contains(errors, e => e is { Path: "kinds.solicitingx", Code: "Policy.KindUnknown" });
        Assert.Equal("Policy.Empty", SingleError("  ").Code);
        Assert.Equal("Policy.Unreadable", SingleError("name: [unclosed").Code);
    }

    [Fact]
    public void JSON_is_read_as_well_as_YAML()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(PolicyDocument.Default(), new System.Text.Json.JsonSerializerOptions
        {
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        });
        var check = PolicyDocument.Parse(json);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal(200m, check.Document!.Kinds["complaint_attitude"].Steps[1].Bonus);
    }

    private static readonly string[] MoneyFreeKinds = ["gps_anomaly", "phone_suspended", "phone_unreachable", "phone_lost", "supervision_failure",
        "area_duty_refusal", "soliciting", "complaint_attitude", "daily_report_late", "daily_report_missing", "daily_report_wrong",
        "callback_false_report", "callback_bad_attitude", "part_sold"];

    private static readonly Gen<IncidentFacts[]> Months =
        Gen.Select(Gen.Int[0, MoneyFreeKinds.Length + 3], Gen.Int[0, 30 * 24 * 60], Gen.Int[0, 3], Gen.Bool, Gen.Bool, Gen.Int[10, 50000])
            .Select(t =>
            {
                var (kindIndex, minute, person, serious, flag, amount) = t;
                var at = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMinutes(minute);
                var kind = kindIndex < MoneyFreeKinds.Length ? MoneyFreeKinds[kindIndex]
                    : new[] { "expense_false_claim", "part_not_returned", "leaving_post", "harmful_conduct" }[kindIndex - MoneyFreeKinds.Length];
                var money = kind switch
                {
                    "leaving_post" => 100 + amount % 401,
                    "harmful_conduct" => 50 + amount % 151,
                    _ => amount / 100m,
                };
                return new IncidentFacts
                {
                    Id = "", Person = $"tech0{person}", Kind = kind, At = at, Amount = money, Severity = serious ? Severity.Serious : Severity.Normal,
                    FalseReport = flag, RestoredAt = flag ? at.AddHours(3) : null, Manager = "fj.manager",
                };
            })
            .Array[0, 40]
            .Select(incidents => incidents.Select((incident, i) => incident with { Id = $"i{i}", Sequence = i }).ToArray());

    [Fact]
    public void ASM0_over_random_months_the_bonus_never_goes_below_zero_and_net_is_base_minus_capped_bonus_minus_pay_plus_rewards()
    {
        var policy = new PolicyInForce("1", PolicyDocument.Default());
        var assessor = new Assessor(_ => policy, Shanghai);
        Months.Sample(incidents =>
        {
            var people = Enumerable.Range(0, 4).Select(p => new PersonFacts($"tech0{p}", Manager: "fj.manager", BonusBase: 300 * p)).ToList();
            var statements = assessor.Assess(2026, 10, incidents, people);
            foreach (var s in statements)
            {
                Assert.InRange(s.BonusDeductions, 0, s.BonusBase);
                if (s.BonusForfeited) Assert.Equal(s.BonusBase, s.BonusDeductions);
                else Assert.Equal(Math.Min(s.BonusBase, s.Lines.Where(l => l.Pot == Pot.Bonus).Sum(l => l.Amount)), s.BonusDeductions);
                Assert.Equal(s.BonusBase - s.BonusDeductions - s.PayDeductions + s.Rewards, s.Net);
                Assert.All(s.Lines, l => Assert.True(l.Amount >= 0 && !string.IsNullOrEmpty(l.Rule) && l.PolicyVersion == "1"));
            }
            // The same facts in another order give the same statements (closing twice gives one result).
            var again = assessor.Assess(2026, 10, incidents.Reverse(), people);
            Assert.Equal(statements.Select(s => (s.Person, s.Net, s.Lines.Count)), again.Select(s => (s.Person, s.Net, s.Lines.Count)));
        }, iter: 2000);
    }
}
