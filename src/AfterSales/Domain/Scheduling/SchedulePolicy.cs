namespace AfterSales.Domain.Scheduling;

/// <summary>
/// The company's working week (SCH-1), from configuration <c>Policy:Schedule</c> until the versioned policy document
/// exists. A person's own <see cref="WorkingHours"/> override it day by day.
/// </summary>
public sealed record SchedulePolicy
{
    public DayOfWeek[] WorkDays { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    public TimeOnly DayStart { get; init; } = new(8, 30);
    public TimeOnly DayEnd { get; init; } = new(17, 30);

    /// <summary>The company's hours of a weekday, or null on a rest day.</summary>
    public Hours? For(DayOfWeek day) => WorkDays.Contains(day) ? new Hours(DayStart, DayEnd) : null;

    public SchedulePolicy Validated() =>
        DayEnd > DayStart ? this : throw new InvalidOperationException("Policy:Schedule: DayEnd must be after DayStart.");
}

public sealed record Hours(TimeOnly Start, TimeOnly End)
{
    public bool Contains(TimeOnly time) => Start <= time && time < End;
}
