namespace AfterSales.Infrastructure;

/// <summary>
/// The site's local time (default Asia/Shanghai, setting <c>Site:TimeZone</c>): what every page shows and what
/// "today" means, whatever the server's own zone.
/// </summary>
public sealed class LocalTime(TimeProvider clock, IConfiguration configuration)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(configuration["Site:TimeZone"] ?? "Asia/Shanghai");

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant of a wall-clock time at the site (e.g. a time typed on a page).</summary>
    public DateTimeOffset Instant(DateTime localTime)
    {
        var wall = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, Zone.GetUtcOffset(wall));
    }

    public DateTimeOffset Instant(DateOnly day, TimeOnly time) => Instant(day.ToDateTime(time));

    /// <summary>The instant a local day begins.</summary>
    public DateTimeOffset StartOf(DateOnly day) => Instant(day, TimeOnly.MinValue);

    /// <summary>A local day as instants: from its start to the next day's (a day of a clock change is 23 or 25 hours).</summary>
    public (DateTimeOffset Start, DateTimeOffset End) DayOf(DateOnly day) => (StartOf(day), StartOf(day.AddDays(1)));
}
