using AfterSales.Data;
using AfterSales.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Audit;

/// <summary>The result of walking the audit chain: intact, or the first row where it breaks and why.</summary>
public sealed record AuditVerification(long RowsChecked, long? BrokenAtSequence, string? Problem)
{
    public bool Intact => BrokenAtSequence is null;
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
                    return new AuditVerification(checkedRows, expectedSequence, $"row {expectedSequence} is missing (next row is {row.Sequence})");
                if (row.PreviousHash != previousHash)
                    return new AuditVerification(checkedRows, row.Sequence, "previous-hash does not match the row before it");
                if (row.ComputeHash() != row.Hash)
                    return new AuditVerification(checkedRows, row.Sequence, "content does not match its hash (the row was altered)");
                previousHash = row.Hash;
                expectedSequence++;
                checkedRows++;
            }
        }
    }
}
