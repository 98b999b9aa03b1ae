namespace AfterSales.Domain.Scheduling;

/// <summary>
/// One person's availability on one local day: their hours (company pattern or their own), unless a time-off block
/// covers the day. <see cref="Hours"/> is null when they do not work that day.
/// </summary>
public sealed record DayAvailability(DateOnly Date, Hours? Hours, bool OwnPattern, TimeOffKind? TimeOff, int? TimeOffId)
{
    public bool IsWorking => Hours is not null;

    /// <summary>Whether the person works at this local time of the day.</summary>
    public bool IsWorkingAt(TimeOnly time) => Hours?.Contains(time) == true;
}

/// <summary>The roster rule of SCH-1: time off beats the person's own weekly pattern, which beats the company's.</summary>
public static class Roster
{
    public static DayAvailability DayFor(DateOnly date, SchedulePolicy policy, IEnumerable<WorkingHours> ownPattern, IEnumerable<TimeOff> timeOff)
    {
        var own = ownPattern.FirstOrDefault(w => w.Day == date.DayOfWeek);
        var hours = own is null ? policy.For(date.DayOfWeek) : own.IsOff ? null : new Hours(own.Start!.Value, own.End!.Value);
        var off = timeOff.FirstOrDefault(t => t.Covers(date));
        return off is null
            ? new DayAvailability(date, hours, own is not null, null, null)
            : new DayAvailability(date, null, own is not null, off.Kind, off.Id);
    }
}
