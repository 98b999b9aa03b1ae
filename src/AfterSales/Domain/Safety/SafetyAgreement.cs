namespace AfterSales.Domain.Safety;

/// <summary>
/// 安全协议 (SAF-1): the signed agreement with a customer's maintenance base, kept as the scanned file. Work at the
/// base needs one valid on the day; an expired one is kept on record next to its successor.
/// </summary>
public class SafetyAgreement : Entity
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxFileNameLength = 200;
    public const int MaxNoteLength = 500;
    public static readonly string[] ContentTypes = ["application/pdf", "image/jpeg", "image/png", "image/webp"];

    private SafetyAgreement() { }

    public SafetyAgreement(int siteId, string fileName, string contentType, byte[] content, DateOnly signedOn, DateOnly validUntil, string? note,
        int recordedById, DateTimeOffset recordedAt)
    {
        if (siteId <= 0) throw new DomainException("Required") { Field = nameof(SiteId) };
        if (content.Length == 0) throw new DomainException("Required") { Field = "File" };
        if (content.Length > MaxBytes) throw new DomainException("SafetyAgreementFileTooLarge", MaxBytes / 1024 / 1024) { Field = "File" };
        if (!ContentTypes.Contains(contentType)) throw new DomainException("SafetyAgreementFileType") { Field = "File" };
        if (validUntil < signedOn) throw new DomainException("SafetyAgreementEndsBeforeSigned") { Field = nameof(ValidUntil) };
        FileName = Guard.Required(fileName, "File");
        if (FileName.Length > MaxFileNameLength) FileName = FileName[^MaxFileNameLength..];
        Note = Guard.Optional(note);
        if (Note?.Length > MaxNoteLength) throw new DomainException("TextTooLong", MaxNoteLength) { Field = nameof(Note) };
        SiteId = siteId;
        ContentType = contentType;
        Content = content;
        SignedOn = signedOn;
        ValidUntil = validUntil;
        RecordedById = recordedById;
        RecordedAt = recordedAt;
    }

    public int SiteId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public byte[] Content { get; private set; } = [];
    public DateOnly SignedOn { get; private set; }
    public DateOnly ValidUntil { get; private set; }
    public string? Note { get; private set; }
    public int RecordedById { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    public bool IsValidOn(DateOnly day) => SignedOn <= day && day <= ValidUntil;
}
