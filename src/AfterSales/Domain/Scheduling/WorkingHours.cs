namespace AfterSales.Domain.Scheduling;

/// <summary>
/// One weekday of a person's own weekly pattern, overriding the company's (SCH-1). A day without a start is a
/// rest day. Weekdays the person has no row for follow the company pattern.
/// </summary>
public class WorkingHours : Entity
{
    private WorkingHours() { }

    public WorkingHours(int staffId, DayOfWeek day, TimeOnly? start, TimeOnly? end)
    {
        if (!Enum.IsDefined(day)) throw new DomainException("Required") { Field = nameof(Day) };
        StaffId = staffId;
        Day = day;
        Set(start, end);
    }

    public int StaffId { get; private set; }
    public DayOfWeek Day { get; private set; }
    public TimeOnly? Start { get; private set; }
    public TimeOnly? End { get; private set; }

    public bool IsOff => Start is null;

    /// <summary>Hours of the day, or a rest day when both are empty; one without the other is refused.</summary>
    public void Set(TimeOnly? start, TimeOnly? end)
    {
        if (start is null != end is null) throw new DomainException("HoursNeedStartAndEnd") { Field = start is null ? nameof(Start) : nameof(End) };
        if (start >= end) throw new DomainException("HoursEndBeforeStart") { Field = nameof(End) };
        Start = start;
        End = end;
    }
}
