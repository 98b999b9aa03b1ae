using System.Globalization;
using AfterSales.Domain.WorkOrders;

namespace AfterSales.Domain.Attendance;

/// <summary>A known position of a technician at an instant: a posted position, or a check-in / check-out of a visit.</summary>
public sealed record Fix(DateTimeOffset At, double Latitude, double Longitude)
{
    public double MetersTo(double latitude, double longitude) => new GeoPosition(Latitude, Longitude, 0).MetersTo(latitude, longitude);
}

/// <summary>ATT-1: a check-in farther from the site than the configured distance. One per visit.</summary>
public static class CheckInTooFarFromSite
{
    public static AnomalyFinding? Check(int staffId, int visitId, int workOrderId, DateTimeOffset? checkedInAt, double? metersFromSite, double maxMeters) =>
        checkedInAt is { } at && metersFromSite is { } meters && meters > maxMeters
            ? new AnomalyFinding(staffId, AnomalyRule.CheckInFarFromSite, Keys.Of(staffId, "checkin", $"visit{visitId}"), at, null, meters, workOrderId)
            : null;
}

/// <summary>
/// ATT-1 "no fix": the working hours of a day cut into slots of the configured length from the start of the day's hours;
/// a slot that has ended (and is past the late-upload margin) without any fix is an anomaly. Fixed slots make the key
/// stable: a rerun finds the same slots.
/// </summary>
public static class NoPositionTooLong
{
    public static IEnumerable<AnomalyFinding> Check(int staffId, DateTimeOffset hoursStart, DateTimeOffset hoursEnd, IReadOnlyCollection<DateTimeOffset> fixes,
        TimeSpan slot, DateTimeOffset judgedUntil)
    {
        if (slot <= TimeSpan.Zero) yield break;
        for (var start = hoursStart; start + slot <= hoursEnd && start + slot <= judgedUntil; start += slot)
        {
            var end = start + slot;
            if (!fixes.Any(f => f >= start && f < end))
                yield return new AnomalyFinding(staffId, AnomalyRule.NoPosition, Keys.Of(staffId, "nopos", Keys.Slot(start)), start, end);
        }
    }
}

/// <summary>
/// ATT-1 "not where the schedule says": during a job's appointment window the technician never came within the
/// configured distance of its site. Judged once the window has ended, once per job; no fix at all in the window is
/// left to <see cref="NoPositionTooLong"/>.
/// </summary>
public static class FarFromScheduledJob
{
    public static AnomalyFinding? Check(int staffId, int workOrderId, DateTimeOffset start, DateTimeOffset end, double siteLatitude, double siteLongitude,
        IEnumerable<Fix> fixes, double maxMeters)
    {
        var during = fixes.Where(f => f.At >= start && f.At <= end).ToList();
        if (during.Count == 0) return null;
        var nearest = during.Min(f => f.MetersTo(siteLatitude, siteLongitude));
        return nearest > maxMeters
            ? new AnomalyFinding(staffId, AnomalyRule.FarFromJob, Keys.Of(staffId, "farjob", $"wo{workOrderId}"), start, end, nearest, workOrderId)
            : null;
    }
}

/// <summary>ASM-6: the special case, reported in advance, that covers an anomaly; null when none does.</summary>
public static class PreReportedSpecialCase
{
    public static SpecialCase? Find(IEnumerable<SpecialCase> cases, AnomalyFinding finding) =>
        cases.Where(c => c.StaffId == finding.StaffId && c.Excuses(finding.At)).OrderBy(c => c.RecordedAt).FirstOrDefault();
}

internal static class Keys
{
    public static string Of(int staffId, string rule, string slot) => string.Create(CultureInfo.InvariantCulture, $"{staffId}:{rule}:{slot}");

    public static string Slot(DateTimeOffset start) => start.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
}
