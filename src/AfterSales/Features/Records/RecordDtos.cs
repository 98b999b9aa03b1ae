using AfterSales.Domain.Records;

namespace AfterSales.Features.Records;

// Properties, not a positional record: the compile-time request delegate generator cannot bind
// [AsParameters] constructors with nullable reference types.
public sealed record RecordFilter
{
    public string? Q { get; init; }
    public RecordKind? Kind { get; init; }
    public bool? Signed { get; init; }
    public bool? Unacknowledged { get; init; }
    public int? TechnicianId { get; init; }
}

public sealed record RecordSummaryDto(int Id, string Number, RecordKind Kind, int WorkOrderId, string WorkOrderNumber, string CustomerName,
    string TechnicianName, DateTimeOffset CreatedAt, DateTimeOffset? SignedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy,
    int? DaysSinceSigning, bool Overdue);

public sealed record SurveyDto(int Score, string? Comments, DateTimeOffset At, SignedVia Via);

public sealed record AcknowledgementDto(string By, DateTimeOffset At);

public sealed record AmendmentDto(int Id, string Text, string By, DateTimeOffset At);

/// <summary>A record with its signing, survey, hand-in and amendments. <see cref="Content"/> is what the PDF prints.</summary>
public sealed record RecordDto(int Id, string Number, int WorkOrderId, int TechnicianId, int RegionId, bool Signed, RecordContent Content,
    SignedVia? SignedVia, string? ContentHash, DateTimeOffset CreatedAt, SurveyDto? Survey, AcknowledgementDto? Acknowledgement,
    IReadOnlyList<AmendmentDto> Amendments, int Version);

public sealed record RecordDraftInput(int WorkOrderId, string? WorkDone, string? ConstructionSchedule, DateOnly? ConstructionDate,
    DateOnly? InstallFrom, DateOnly? InstallTo, string? Remarks, int? Version = null)
{
    public RecordDraft ToDraft() => new(WorkDone, ConstructionSchedule, ConstructionDate, InstallFrom, InstallTo, Remarks);
}

/// <summary>The signature as a base64 PNG (a data URL is accepted too), the signer, and optionally the survey.</summary>
public sealed record SignInput(string? Signature, string? SignerName, SignerRole SignerRole, int? Score = null, string? Comments = null);

public sealed record SurveyInput(int Score, string? Comments);

public sealed record AmendmentInput(string? Text);

public sealed record AcknowledgeInput(int[] Ids);

public sealed record LinkSentDto(DateTimeOffset ExpiresAt);

/// <summary>A survey link to show as a QR code; the token in <paramref name="Url"/> is not stored and cannot be shown again.</summary>
public sealed record SurveyCodeDto(string Url, DateTimeOffset ExpiresAt);

public sealed record VerifyDto(int Id, string Number, bool Signed, string? StoredHash, string? ComputedHash, bool Matches);

/// <summary>What the public verification page may say: no personal data.</summary>
public sealed record PublicVerifyDto(string Number, RecordKind Kind, DateTimeOffset SignedAt, bool Matches);
