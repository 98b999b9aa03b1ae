namespace AfterSales.Domain.Travel;

/// <summary>Why a day of a trip gets the per diem it gets (TRV-2).</summary>
public enum PerDiemReason
{
    /// <summary>Departed before the cutoff: the departure day counts as a full day.</summary>
    EarlyDeparture,
    /// <summary>Departed at or after the cutoff.</summary>
    LateDeparture,
    /// <summary>A day between the departure and return days.</summary>
    FullDay,
    /// <summary>The day of return.</summary>
    ReturnDay,
    /// <summary>Departed and returned the same day: tickets only.</summary>
    SameDay,
}

public sealed record PerDiemDay(DateOnly Date, decimal Amount, PerDiemReason Reason);

public sealed record PerDiemResult(decimal Total, IReadOnlyList<PerDiemDay> Days);

/// <summary>
/// TRV-2, the per diem (生活补助) of a trip from its local departure and return times, day by day with the reason for
/// each day's amount. The amounts and the cutoff come from the policy in force at departure; nothing here is a constant.
/// </summary>
public static class PerDiem
{
    /// <summary>Trips longer than this are refused as a typing error (a year typed wrong).</summary>
    public const int MaxDays = 366;

    public static PerDiemResult Compute(DateTime departLocal, DateTime returnLocal, TravelPolicy policy)
    {
        if (returnLocal < departLocal) throw new DomainException("TripReturnBeforeDeparture") { Field = "ReturnAt" };
        var first = DateOnly.FromDateTime(departLocal);
        var last = DateOnly.FromDateTime(returnLocal);
        if (last.DayNumber - first.DayNumber >= MaxDays) throw new DomainException("TripTooLong", MaxDays) { Field = "ReturnAt" };
        if (first == last) return new PerDiemResult(policy.SameDay, [new PerDiemDay(first, policy.SameDay, PerDiemReason.SameDay)]);

        var days = new List<PerDiemDay>();
        days.Add(TimeOnly.FromDateTime(departLocal) < policy.Cutoff()
            ? new PerDiemDay(first, policy.FullDay, PerDiemReason.EarlyDeparture)
            : new PerDiemDay(first, policy.LateDeparture, PerDiemReason.LateDeparture));
        for (var day = first.AddDays(1); day < last; day = day.AddDays(1))
            days.Add(new PerDiemDay(day, policy.FullDay, PerDiemReason.FullDay));
        days.Add(new PerDiemDay(last, policy.ReturnDay, PerDiemReason.ReturnDay));
        return new PerDiemResult(days.Sum(d => d.Amount), days);
    }
}
