namespace AfterSales.Domain.Safety;

/// <summary>
/// 违章 (SAF-4): a breach of the base's safety rules by a technician, as the base reported it (who reported, the
/// report's file), recorded by a manager; it becomes an incident judged by the policy (<c>safety_violation</c>).
/// </summary>
public class SafetyViolation : Entity
{
    public const int MaxTextLength = 1000;
    public const int MaxReporterLength = 100;

    private SafetyViolation() { }

    public SafetyViolation(int siteId, int technicianId, int? workOrderId, DateTimeOffset at, string description, string reportedBy,
        string? reportFileName, string? reportContentType, byte[]? reportContent, int recordedById, DateTimeOffset recordedAt)
    {
        if (siteId <= 0) throw new DomainException("Required") { Field = nameof(SiteId) };
        if (technicianId <= 0) throw new DomainException("Required") { Field = nameof(TechnicianId) };
        Description = Guard.Required(description, nameof(Description));
        if (Description.Length > MaxTextLength) throw new DomainException("TextTooLong", MaxTextLength) { Field = nameof(Description) };
        ReportedBy = Guard.Required(reportedBy, nameof(ReportedBy));
        if (ReportedBy.Length > MaxReporterLength) throw new DomainException("TextTooLong", MaxReporterLength) { Field = nameof(ReportedBy) };
        if (reportContent is { Length: > 0 })
        {
            if (reportContent.Length > SafetyAgreement.MaxBytes) throw new DomainException("SafetyAgreementFileTooLarge", SafetyAgreement.MaxBytes / 1024 / 1024) { Field = "Report" };
            if (!SafetyAgreement.ContentTypes.Contains(reportContentType)) throw new DomainException("SafetyAgreementFileType") { Field = "Report" };
            ReportFileName = Guard.Required(reportFileName, "Report");
            if (ReportFileName.Length > SafetyAgreement.MaxFileNameLength) ReportFileName = ReportFileName[^SafetyAgreement.MaxFileNameLength..];
            ReportContentType = reportContentType;
            ReportContent = reportContent;
        }
        SiteId = siteId;
        TechnicianId = technicianId;
        WorkOrderId = workOrderId;
        At = at;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    public int SiteId { get; private set; }
    public int TechnicianId { get; private set; }
    public int? WorkOrderId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Description { get; private set; } = "";
    /// <summary>Who at the base reported it (their safety officer …).</summary>
    public string ReportedBy { get; private set; } = "";
    public string? ReportFileName { get; private set; }
    public string? ReportContentType { get; private set; }
    public byte[]? ReportContent { get; private set; }
    public int? IncidentId { get; private set; }
    public Assessment.Incident? Incident { get; private set; }
    public int RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public void LinkIncident(Assessment.Incident incident) => Incident = incident;
}
