using AfterSales.Domain.Assessment;

namespace AfterSales.Domain.Attendance;

public enum AnomalyRule
{
    /// <summary>Checked in too far from the site.</summary>
    CheckInFarFromSite,
    /// <summary>No position for too long in working hours.</summary>
    NoPosition,
    /// <summary>Never near the scheduled job during its appointment.</summary>
    FarFromJob,
}

/// <summary>
/// One location anomaly found by the detector (ATT-1) and the <c>gps_anomaly</c> incident it raised. <see cref="Key"/>
/// is unique (technician + rule + time slot or visit/job), so a rerun, or a second instance, raises nothing twice.
/// Append-only.
/// </summary>
public class LocationAnomaly
{
    private LocationAnomaly() { }

    public LocationAnomaly(AnomalyFinding finding, int? specialCaseId, DateTimeOffset detectedAt)
    {
        StaffId = finding.StaffId;
        Rule = finding.Rule;
        Key = finding.Key;
        At = finding.At;
        Until = finding.Until;
        MetersAway = finding.MetersAway is { } m ? Math.Round(m) : null;
        WorkOrderId = finding.WorkOrderId;
        SpecialCaseId = specialCaseId;
        DetectedAt = detectedAt;
    }

    public long Id { get; private set; }
    public int StaffId { get; private set; }
    public AnomalyRule Rule { get; private set; }
    public string Key { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public DateTimeOffset? Until { get; private set; }
    public double? MetersAway { get; private set; }
    public int? WorkOrderId { get; private set; }
    /// <summary>The pre-reported special case that waived it (ASM-6), if any.</summary>
    public int? SpecialCaseId { get; private set; }
    public int? IncidentId { get; private set; }
    public Incident? Incident { get; private set; }
    public DateTimeOffset DetectedAt { get; private set; }

    public bool Waived => SpecialCaseId is not null;

    public void Raised(Incident incident) => Incident = incident;
}

/// <summary>What a rule found: who, which rule, when, and the key that makes it unique.</summary>
public sealed record AnomalyFinding(int StaffId, AnomalyRule Rule, string Key, DateTimeOffset At, DateTimeOffset? Until = null,
    double? MetersAway = null, int? WorkOrderId = null);
