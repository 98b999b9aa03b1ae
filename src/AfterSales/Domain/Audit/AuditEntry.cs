using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AfterSales.Domain.Audit;

public enum AuditAction
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// One change to an audited record (SEC-3). Rows are only ever appended; each carries the hash of the
/// previous row, so altering or removing a row breaks the chain at that point.
/// </summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(long sequence, DateTimeOffset at, string actor, string entityType, string entityId,
        AuditAction action, string? before, string? after, string previousHash)
    {
        Sequence = sequence;
        // Stored with microsecond precision in UTC, which both databases round-trip exactly.
        At = new DateTimeOffset(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);
        Actor = actor;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Before = before;
        After = after;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Id { get; private set; }
    /// <summary>Position in the chain: 1, 2, 3 … without gaps.</summary>
    public long Sequence { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public AuditAction Action { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            Actor, EntityType, EntityId, Action.ToString(), Before ?? "", After ?? "", PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
