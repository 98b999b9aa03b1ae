using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AfterSales.Domain.Records;

/// <summary>
/// The record values of the policy (REC-2, REC-4). Until the versioned policy document exists they come from
/// configuration (<c>Policy:Records</c>).
/// </summary>
public sealed record RecordPolicy
{
    /// <summary>How long a signing or survey link sent by SMS stays valid.</summary>
    public double LinkValidHours { get; init; } = 72;
    /// <summary>A signed record not acknowledged by the supervisor after this many days is highlighted.</summary>
    public int HandInAgeingDays { get; init; } = 3;
    /// <summary>The largest signature image accepted.</summary>
    public int MaxSignatureBytes { get; init; } = 512 * 1024;

    public TimeSpan LinkValidity => TimeSpan.FromHours(LinkValidHours);
}

/// <summary>A signature is a PNG image, not empty and not larger than the policy allows.</summary>
public static class SignatureRule
{
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Check(byte[]? png, RecordPolicy policy)
    {
        if (png is null || png.Length == 0) throw new DomainException("SignatureRequired") { Field = "Signature" };
        if (png.Length > policy.MaxSignatureBytes) throw new DomainException("SignatureTooLarge", policy.MaxSignatureBytes / 1024) { Field = "Signature" };
        if (!IsPng(png)) throw new DomainException("SignatureNotPng") { Field = "Signature" };
    }

    /// <summary>The PNG signature followed by an IHDR chunk.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 24 && bytes[..8].SequenceEqual(PngMagic) && bytes.Slice(12, 4).SequenceEqual("IHDR"u8);
}

/// <summary>
/// The hash that proves a signed record unchanged (REC-3): SHA-256 over a canonical serialization of the content
/// (fixed field order, invariant numbers without trailing zeros, times in UTC to the second) followed by the
/// signature's bytes.
/// </summary>
public static class RecordHash
{
    public static string Of(RecordContent content, byte[] signature)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("number", content.Number);
            json.WriteString("kind", content.Kind.ToString());
            json.WriteString("workOrder", content.WorkOrderNumber);
            json.WriteString("technician", content.TechnicianName);
            json.WriteString("customer", content.CustomerName);
            json.WriteString("phone", content.CustomerPhone);
            json.WriteString("address", content.SiteAddress);
            json.WriteString("workDone", content.WorkDone);
            json.WriteString("schedule", content.ConstructionSchedule);
            json.WriteString("scheduleDate", Date(content.ConstructionDate));
            json.WriteString("installFrom", Date(content.InstallFrom));
            json.WriteString("installTo", Date(content.InstallTo));
            json.WriteString("remarks", content.Remarks);
            json.WriteStartArray("lines");
            foreach (var line in content.Lines)
            {
                json.WriteStartObject();
                json.WriteString("kind", line.Kind.ToString());
                json.WriteString("name", line.Name);
                json.WriteString("quantity", line.Quantity?.ToString(CultureInfo.InvariantCulture));
                json.WriteString("value", line.Value?.ToString("0.############", CultureInfo.InvariantCulture));
                json.WriteString("unit", line.Unit);
                json.WriteString("passed", line.Passed?.ToString(CultureInfo.InvariantCulture));
                json.WriteString("note", line.Note);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("signer", content.SignerName);
            json.WriteString("signerRole", content.SignerRole?.ToString());
            json.WriteString("signedAt", content.SignedAt?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        stream.Write(signature);
        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A correction of a signed record (REC-3): the original stays as signed, the amendment says what is corrected.</summary>
public class RecordAmendment : Entity
{
    private RecordAmendment() { }

    public RecordAmendment(ServiceRecord record, string text, int byId, string byName, DateTimeOffset at)
    {
        if (!record.IsSigned) throw new ConflictException("AmendOnlySigned");
        Text = Guard.Required(text, nameof(Text));
        if (Text.Length > ServiceRecord.MaxTextLength) throw new DomainException("TextTooLong", ServiceRecord.MaxTextLength) { Field = nameof(Text) };
        RecordId = record.Id;
        ById = byId;
        ByName = byName;
        At = at;
    }

    public int RecordId { get; private set; }
    public string Text { get; private set; } = "";
    public int ById { get; private set; }
    public string ByName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}

/// <summary>The customer's satisfaction survey (REC-2): at signing or later through a link; one per record.</summary>
public class RecordSurvey : Entity
{
    public const int MaxCommentsLength = 2000;

    private RecordSurvey() { }

    public RecordSurvey(int recordId, int score, string? comments, DateTimeOffset at, SignedVia via)
    {
        if (score is < 1 or > 5) throw new DomainException("SurveyScoreRange") { Field = nameof(Score) };
        Comments = Guard.Optional(comments);
        if (Comments is not null && Comments.Length > MaxCommentsLength)
            throw new DomainException("TextTooLong", MaxCommentsLength) { Field = nameof(Comments) };
        RecordId = recordId;
        Score = score;
        At = at;
        Via = via;
    }

    public int RecordId { get; private set; }
    public int Score { get; private set; }
    public string? Comments { get; private set; }
    public DateTimeOffset At { get; private set; }
    public SignedVia Via { get; private set; }
}

/// <summary>The supervisor received the signed record (REC-4): who and when; one per record.</summary>
public class RecordAcknowledgement : Entity
{
    private RecordAcknowledgement() { }

    public RecordAcknowledgement(ServiceRecord record, int byId, DateTimeOffset at)
    {
        if (!record.IsSigned) throw new ConflictException("AcknowledgeOnlySigned");
        RecordId = record.Id;
        ById = byId;
        At = at;
    }

    public int RecordId { get; private set; }
    public int ById { get; private set; }
    public DateTimeOffset At { get; private set; }
}

public enum RecordLinkPurpose
{
    Sign,
    Survey,
}

/// <summary>
/// A link sent by SMS to sign the record or fill in the survey without logging in (REC-2). Only the SHA-256 of its
/// random token is stored; it works once and not after it expires.
/// </summary>
public class RecordLink : Entity
{
    private RecordLink() { }

    private RecordLink(int recordId, RecordLinkPurpose purpose, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        RecordId = recordId;
        Purpose = purpose;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>A new link and its token (32 random bytes, URL-safe); the token is never stored.</summary>
    public static (RecordLink Link, string Token) Issue(int recordId, RecordLinkPurpose purpose, DateTimeOffset now, RecordPolicy policy)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (new RecordLink(recordId, purpose, HashOf(token), now, now + policy.LinkValidity), token);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public int RecordId { get; private set; }
    public RecordLinkPurpose Purpose { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void Use(DateTimeOffset now)
    {
        if (UsedAt is not null) throw new ConflictException("LinkUsed");
        if (now >= ExpiresAt) throw new ConflictException("LinkExpired");
        UsedAt = now;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
