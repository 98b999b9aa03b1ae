using AfterSales.Data;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Assessment;

public sealed record RankingRow(int StaffId, string StaffNumber, string Name, IReadOnlyDictionary<int, (decimal Score, int Rank, int Ranked)> Months);

/// <summary>RNK-1…RNK-3 over a year: each visible person's closed months with their score and place, for the table and the chart.</summary>
public sealed class RankingHistory(AppDbContext db, IHttpContextAccessor http)
{
    public async Task<IReadOnlyList<RankingRow>> YearAsync(int year)
    {
        var visible = db.Staff(AccessScope.From(http.HttpContext!.User)).Select(s => s.Id);
        var rows = await db.MonthStatements.AsNoTracking()
            .Where(s => s.Year == year && s.Rank != null && visible.Contains(s.StaffId))
            .Select(s => new { s.StaffId, s.Month, s.Score, s.Rank, s.Ranked })
            .ToListAsync();
        var ids = rows.Select(r => r.StaffId).Distinct().ToList();
        var people = await db.Staff.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        return [.. rows.GroupBy(r => r.StaffId)
            .Select(g => new RankingRow(g.Key, people[g.Key].StaffNumber, people[g.Key].Name,
                g.ToDictionary(r => r.Month, r => (r.Score ?? 0, r.Rank!.Value, r.Ranked ?? 0))))
            .OrderBy(r => r.StaffNumber, StringComparer.Ordinal)];
    }
}
