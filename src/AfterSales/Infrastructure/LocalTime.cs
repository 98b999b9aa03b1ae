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
}
