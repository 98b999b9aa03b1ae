namespace AfterSales.Domain.Scheduling;

public enum TimeOffKind
{
    DayOff,
    Leave,
    Trip,
    Training,
}

/// <summary>
/// A block of whole local days on which a person is not available for jobs (SCH-1): a day off, leave, a trip or
/// training. Days, not instants: people book them as "the 3rd to the 5th", a day off is a day whatever the
/// server's zone, and the dispatcher (SCH-4) asks "does he work that day" before "at what hour". Both days are
/// included. A person's blocks never overlap, so each day has one reason at most.
/// </summary>
public class TimeOff : Entity
{
    /// <summary>Longer than this is not a schedule block but a change of employment.</summary>
    public const int MaxDays = 366;

    private TimeOff() { }

    public TimeOff(int staffId, TimeOffKind kind, DateOnly firstDay, DateOnly lastDay, string? note, int createdById, DateTimeOffset createdAt)
    {
        StaffId = staffId;
        CreatedById = createdById;
        CreatedAt = createdAt;
        Change(kind, firstDay, lastDay, note);
    }

    public int StaffId { get; private set; }
    public TimeOffKind Kind { get; private set; }
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    public string? Note { get; private set; }
    public int CreatedById { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public void Change(TimeOffKind kind, DateOnly firstDay, DateOnly lastDay, string? note)
    {
        if (!Enum.IsDefined(kind)) throw new DomainException("Required") { Field = nameof(Kind) };
        if (lastDay < firstDay) throw new DomainException("TimeOffEndsBeforeStart") { Field = nameof(LastDay) };
        if (lastDay.DayNumber - firstDay.DayNumber + 1 > MaxDays) throw new DomainException("TimeOffTooLong", MaxDays) { Field = nameof(LastDay) };
        Kind = kind;
        FirstDay = firstDay;
        LastDay = lastDay;
        Note = Guard.Optional(note);
    }

    public bool Covers(DateOnly day) => FirstDay <= day && day <= LastDay;

    public bool Overlaps(DateOnly firstDay, DateOnly lastDay) => FirstDay <= lastDay && firstDay <= LastDay;
}

/// <summary>
/// SCH-1: one person is in one place at a time, so their time-off blocks may not overlap. The message names the
/// block already there, so the manager sees what to change.
/// </summary>
public static class TimeOffMustNotOverlapRule
{
    public static void Check(DateOnly firstDay, DateOnly lastDay, IEnumerable<TimeOff> others)
    {
        if (others.Where(o => o.Overlaps(firstDay, lastDay)).OrderBy(o => o.FirstDay).FirstOrDefault() is { } clash)
            throw new DomainException("TimeOffOverlaps", new LocalizedArgument($"TimeOffKind.{clash.Kind}"),
                clash.FirstDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                clash.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) { Field = nameof(TimeOff.FirstDay) };
    }
}
