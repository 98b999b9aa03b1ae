using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Attendance;

/// <summary>
/// One fix of a technician's phone while on duty (ATT-1). Append-only: a row is never changed, so it is not an audited
/// <see cref="Entity"/> (thousands a day; the audit chain would serialise every insert).
/// </summary>
public class Position
{
    /// <summary>How old a fix may be when it reaches the server (phones queue them offline).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    private Position() { }

    public Position(int staffId, DateTimeOffset at, GeoPosition where, DateTimeOffset receivedAt)
    {
        if (at > receivedAt.AddMinutes(5)) throw new DomainException("PositionInFuture") { Field = nameof(At) };
        if (at < receivedAt - MaxAge) throw new DomainException("PositionTooOld", MaxAge.Days) { Field = nameof(At) };
        StaffId = staffId;
        At = at;
        Latitude = where.Latitude;
        Longitude = where.Longitude;
        AccuracyMeters = where.AccuracyMeters;
        ReceivedAt = receivedAt;
    }

    public long Id { get; private set; }
    public int StaffId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public double Latitude { get; private set; }
    public double Longitude { get; private set; }
    public double AccuracyMeters { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    public double MetersTo(double latitude, double longitude) => new GeoPosition(Latitude, Longitude, AccuracyMeters).MetersTo(latitude, longitude);
}
