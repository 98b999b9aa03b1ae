namespace AfterSales.Domain.Attendance;

/// <summary>Thresholds of the location rules (ATT-1), section <c>Attendance</c> of the configuration.</summary>
public sealed class AttendanceOptions
{
    /// <summary>A check-in farther than this from the site's coordinates is an anomaly.</summary>
    public double CheckInMaxMeters { get; set; } = 1000;
    /// <summary>A working-hours slot of this many minutes without any position is an anomaly.</summary>
    public int NoPositionMinutes { get; set; } = 60;
    /// <summary>During a job's appointment the technician must come this close to its site at least once.</summary>
    public double JobMaxMeters { get; set; } = 2000;
    /// <summary>Positions are judged only once this many minutes have passed: phones send them late when offline.</summary>
    public int LateUploadMinutes { get; set; } = 30;
    /// <summary>How often the detector runs in the app; 0 or less: not at all (tests drive it themselves).</summary>
    public int DetectorIntervalSeconds { get; set; } = 300;

    /// <summary>
    /// The first day the worker checks (set it to the day the phones start sending positions): without it, the first
    /// run after installing would fine everyone for the hours of yesterday nobody was tracked. The command line may
    /// still check any day.
    /// </summary>
    public DateOnly? CheckFrom { get; set; }
    /// <summary>Most positions accepted in one request.</summary>
    public int MaxBatch { get; set; } = 500;
}
