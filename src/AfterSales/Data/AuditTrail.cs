using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AfterSales.Domain;
using AfterSales.Domain.Audit;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace AfterSales.Data;

/// <summary>
/// Writes the audit rows for a save (SEC-3): the changed records' values before and after, appended to the
/// hash chain in the same transaction as the change itself.
/// </summary>
internal static class AuditTrail
{
    /// <summary>
    /// Columns whose values must never be copied into the trail. A short fingerprint stands in for them, so a
    /// password reset or a sign-out of every session still shows as a change.
    /// </summary>
    private static readonly HashSet<string> Secret = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    // Any fixed number: it names the lock that serialises appends to the chain across instances.
    private const long ChainLockKey = 0x41_66_74_65_72_53;

    internal sealed record Pending(EntityEntry Entry, AuditAction Action, string? Before);

    public static List<Pending> Collect(ChangeTracker tracker)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not (Entity or AppUser)) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(new(entry, AuditAction.Insert, null));
                    break;
                case EntityState.Modified:
                    if (entry.Entity is Entity entity) entity.BumpVersion();
                    pending.Add(new(entry, AuditAction.Update, Serialize(entry, original: true)));
                    break;
                case EntityState.Deleted:
                    pending.Add(new(entry, AuditAction.Delete, Serialize(entry, original: true)));
                    break;
            }
        }
        return pending;
    }

    public static async Task LockChainAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        // SQLite has one writer at a time already; PostgreSQL needs the chain head read and appended atomically.
        if (db.IsPostgres)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", cancellationToken);
    }

    /// <summary>A change to one record as the trail stores it: its values before and after (JSON), or null.</summary>
    internal sealed record Change(string EntityType, string Key, AuditAction Action, string? Before, string? After);

    /// <summary>The audit rows of a save, chained after the trail's head (the caller holds the chain's lock).</summary>
    public static Task<List<AuditEntry>> ChainAsync(AppDbContext db, List<Pending> pending, string actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChainAsync(db, pending
            .Select(p => new Change(p.Entry.Metadata.ClrType.Name, KeyOf(p.Entry), p.Action, p.Before,
                p.Action == AuditAction.Delete ? null : Serialize(p.Entry, original: false)))
            .Where(c => c.Action != AuditAction.Update || c.After != c.Before), actor, now, cancellationToken);

    /// <summary>Audit rows for the changes, chained after the trail's head (the caller holds the chain's lock and writes them).</summary>
    public static async Task<List<AuditEntry>> ChainAsync(AppDbContext db, IEnumerable<Change> changes, string actor, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = head?.Sequence ?? 0;
        var previousHash = head?.Hash ?? AuditEntry.GenesisHash;
        var rows = new List<AuditEntry>();
        foreach (var change in changes)
        {
            var row = new AuditEntry(++sequence, now, actor, change.EntityType, change.Key, change.Action, change.Before, change.After, previousHash);
            previousHash = row.Hash;
            rows.Add(row);
        }
        return rows;
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join(',', entry.Metadata.FindPrimaryKey()!.Properties
            .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));

    private static string Serialize(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            var value = original ? property.OriginalValue : property.CurrentValue;
            if (Secret.Contains(name))
            {
                values[name] = value is string secret ? "#" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)))[..8] : null;
                continue;
            }
            values[name] = value switch
            {
                // Files are summarised: the trail proves which content it was without copying it.
                byte[] bytes => $"{bytes.Length} bytes sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}",
                Enum e => e.ToString(),
                _ => value,
            };
        }
        return JsonSerializer.Serialize(values, JsonOptions);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
