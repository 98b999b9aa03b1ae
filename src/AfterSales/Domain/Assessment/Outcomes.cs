namespace AfterSales.Domain.Assessment;

/// <summary>An amount (or a flag) a rule produces before it is stamped with the incident, rule and policy version.</summary>
public sealed record LineDraft(decimal Amount, Pot Pot, ReasonPart Reason, IReadOnlyList<string> Flags, bool ForfeitsBonus = false);

/// <summary>One kind of consequence a policy step can name; each is a small rule over the step's data.</summary>
public abstract record Consequence
{
    public abstract LineDraft Apply(IncidentFacts incident);

    /// <summary>
    /// The rule classes of each policy step, made once per step rather than once per incident (a month close judges a
    /// million). A loaded policy document is never changed afterwards (an edit is a new version), so they stay right.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Outcome, Consequence[]> Made = new();

    /// <summary>The consequences of a policy step, in the order a statement lists them.</summary>
    public static Consequence[] Of(Outcome outcome) => Made.GetValue(outcome, Make);

    private static Consequence[] Make(Outcome outcome)
    {
        var parts = new List<Consequence>();
        if (outcome.ForfeitBonus) parts.Add(new ForfeitWholeMonthBonus());
        if (outcome.Bonus is { } bonus) parts.Add(new FixedAmount(Pot.Bonus, bonus));
        if (outcome.BonusRange is { } bonusRange) parts.Add(new AmountWithinRange(Pot.Bonus, bonusRange.Min, bonusRange.Max));
        if (outcome.PayIncidentAmount) parts.Add(new IncidentAmount(Pot.Pay));
        if (outcome.PayMultipleOfAmount is { } factor) parts.Add(new MultipleOfAmount(Pot.Pay, factor));
        if (outcome.Pay is { } pay) parts.Add(new FixedAmount(Pot.Pay, pay));
        if (outcome.PayRange is { } payRange) parts.Add(new AmountWithinRange(Pot.Pay, payRange.Min, payRange.Max));
        if (outcome.Reward is { } reward) parts.Add(new FixedAmount(Pot.Reward, reward));
        if (outcome.Flags is { Count: > 0 } flags) parts.Add(new RaiseFlags([.. flags]));
        return [.. parts];
    }

    /// <summary>The incident's amount, required by the consequences that work on it.</summary>
    protected static decimal AmountOf(IncidentFacts incident) =>
        incident.Amount is { } amount and >= 0 ? amount : throw new DomainException("IncidentAmountRequired") { Field = "Amount" };
}

/// <summary>A set amount per incident (e.g. ASM-1: 20 from pay).</summary>
public sealed record FixedAmount(Pot Pot, decimal Amount) : Consequence
{
    // The same for every incident: made once (a month close applies a rule a million times).
    private readonly LineDraft _draft = new(Amount, Pot, ReasonPart.Fixed, []);

    public override LineDraft Apply(IncidentFacts incident) => _draft;
}

/// <summary>An amount the manager chooses within the policy's range, with a reason (ASM-12); outside the range it is refused.</summary>
public sealed record AmountWithinRange(Pot Pot, decimal Min, decimal Max) : Consequence
{
    private readonly ReasonPart _reason = new("Reason.WithinRange", Min, Max);

    public override LineDraft Apply(IncidentFacts incident)
    {
        var amount = AmountOf(incident);
        if (amount < Min || amount > Max) throw new DomainException("AmountOutsideRange", Min, Max) { Field = "Amount" };
        return new LineDraft(amount, Pot, _reason, []);
    }
}

/// <summary>The incident's own amount, e.g. the original price of a part not returned (ASM-10).</summary>
public sealed record IncidentAmount(Pot Pot) : Consequence
{
    public override LineDraft Apply(IncidentFacts incident) => new(AmountOf(incident), Pot, ReasonPart.IncidentAmount, []);
}

/// <summary>A multiple of the incident's amount, e.g. 10 × the false amount of a second false claim (ASM-7).</summary>
public sealed record MultipleOfAmount(Pot Pot, decimal Factor) : Consequence
{
    public override LineDraft Apply(IncidentFacts incident)
    {
        var amount = AmountOf(incident);
        return new LineDraft(decimal.Round(amount * Factor, 2), Pot, new ReasonPart("Reason.Multiple", Factor, amount), []);
    }
}

/// <summary>The whole month bonus is lost, whatever else happened that month (ASM-0).</summary>
public sealed record ForfeitWholeMonthBonus : Consequence
{
    private static readonly LineDraft Draft = new(0, Pot.Bonus, new ReasonPart("Reason.Forfeit"), [], ForfeitsBonus: true);

    public override LineDraft Apply(IncidentFacts incident) => Draft;
}

/// <summary>Notice to all, dismissal proposed, legal action, skill level −1, no raise: recorded for people to act on, never automatic.</summary>
public sealed record RaiseFlags(IReadOnlyList<string> Flags) : Consequence
{
    private readonly LineDraft _draft = new(0, Pot.Bonus, new ReasonPart("Reason.Flags"), Flags);

    public override LineDraft Apply(IncidentFacts incident) => _draft;
}
