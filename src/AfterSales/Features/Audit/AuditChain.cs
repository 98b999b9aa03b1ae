using AfterSales.Data;
using AfterSales.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Audit;

public enum AuditBreak
{
    /// <summary>A row of the sequence is gone.</summary>
    RowMissing,
    /// <summary>The row does not point at the hash of the row before it.</summary>
    LinkBroken,
    /// <summary>The row's content no longer matches its own hash: it was altered.</summary>
    ContentAltered,
}

/// <summary>The result of walking the audit chain: intact, or the first row where it breaks and why.</summary>
public sealed record AuditVerification(long RowsChecked, long? BrokenAtSequence, AuditBreak? Problem)
{
    public bool Intact => BrokenAtSequence is null;

    public string Describe() => Problem switch
    {
        null => $"intact, {RowsChecked} rows verified",
        AuditBreak.RowMissing => $"row {BrokenAtSequence} is missing",
        AuditBreak.LinkBroken => $"row {BrokenAtSequence} does not link to the row before it",
        _ => $"row {BrokenAtSequence} was altered (its content does not match its hash)",
    };
}

/// <summary>
/// Walks the audit trail from the first row and recomputes each hash (SEC-3). An edited row no longer matches
/// its hash; a removed row leaves a gap in the sequence and a previous-hash that points nowhere.
/// </summary>
public sealed class AuditChain(AppDbContext db)
{
    private const int Batch = 2000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        long expectedSequence = 1;
        var previousHash = AuditEntry.GenesisHash;
        long checkedRows = 0;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence >= expectedSequence)
                .OrderBy(a => a.Sequence)
                .Take(Batch)
                .ToListAsync(ct);
            if (rows.Count == 0) return new AuditVerification(checkedRows, null, null);
            foreach (var row in rows)
            {
                if (row.Sequence != expectedSequence)
                    return new AuditVerification(checkedRows, expectedSequence, AuditBreak.RowMissing);
                if (row.PreviousHash != previousHash)
                    return new AuditVerification(checkedRows, row.Sequence, AuditBreak.LinkBroken);
                if (row.ComputeHash() != row.Hash)
                    return new AuditVerification(checkedRows, row.Sequence, AuditBreak.ContentAltered);
                previousHash = row.Hash;
                expectedSequence++;
                checkedRows++;
            }
        }
    }
}
