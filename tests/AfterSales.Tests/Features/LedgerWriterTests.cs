using AfterSales.Data;
using AfterSales.Domain.Assessment;
using AfterSales.Features.Assessment;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// The month close appends its ledger lines without the change tracker (PostgreSQL COPY, SQLite one prepared INSERT
/// that binds a column again only when its value changed from the row before). What is read back must be exactly what
/// was written, row by row, even when a value changes and changes back (ASM-15, RNK-4: every line with its rule and reason).
/// </summary>
public class LedgerWriterTests
{
    [Theory, BothDatabases]
    public async Task Appended_lines_read_back_as_written_when_values_change_and_change_back(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (first, second) = await app.DbAsync(async d =>
        {
            var ids = await d.Staff.OrderBy(s => s.Id).Select(s => s.Id).Take(2).ToListAsync();
            return (ids[0], ids[1]);
        });
        var at = new DateTimeOffset(2026, 10, 3, 9, 30, 0, TimeSpan.FromHours(8));
        StatementLine Line(int staff, int? incident, int minute, decimal amount, Pot pot, string[] flags, (int, int)? corrects, string waiver,
            bool forfeits = false) =>
            new(2026, 10, staff, new AssessmentLine(staff.ToString(System.Globalization.CultureInfo.InvariantCulture), "", "ASM-3", "2026.1",
                "gps_anomaly", at.AddMinutes(minute), amount, pot, [new ReasonPart("Reason.Waived", waiver)], flags, forfeits),
                incident, corrects, ReasonJson.Of([new ReasonPart("Reason.Waived", waiver)]));
        var written = new[]
        {
            Line(first, 120, 1, 20m, Pot.Bonus, [], null, "事先报备"),
            Line(first, 120, 1, 20.00m, Pot.Bonus, [], null, "事先报备"),                  // the same values again: nothing rebound
            Line(first, 121, 2, 0.5m, Pot.Pay, ["notice_to_all"], (2026, 9), "派出所报案 \"№ 12\""),
            Line(first, null, 1, 0m, Pot.Bonus, [], null, "事先报备"),                     // back to the first row's values, incident null
            Line(second, 1334567, 3, 1234567.89m, Pot.Reward, ["dismissal_proposed", "no_raise"], (2025, 12), "", forfeits: true),
            Line(second, 120, 1, 20m, Pot.Bonus, [], null, "事先报备"),
        };

        await app.DbAsync(async d =>
        {
            await using var transaction = await d.Database.BeginTransactionAsync();
            await LedgerWriter<StatementLine>.AppendAsync(d, written, CancellationToken.None);
            await transaction.CommitAsync();
        });

        var read = await app.DbAsync(d => d.StatementLines.AsNoTracking().Where(l => l.Year == 2026 && l.Month == 10).OrderBy(l => l.Id).ToListAsync());
        Assert.Equal(written.Length, read.Count);
        for (var i = 0; i < written.Length; i++)
        {
            var (w, r) = (written[i], read[i]);
            Assert.Equal((w.StaffId, w.IncidentId, w.Rule, w.PolicyVersion, w.Kind, w.At, w.Amount, w.Pot, w.Reason, w.Flags, w.ForfeitsBonus, w.CorrectsYear, w.CorrectsMonth, w.Reverses),
                (r.StaffId, r.IncidentId, r.Rule, r.PolicyVersion, r.Kind, r.At, r.Amount, r.Pot, r.Reason, r.Flags, r.ForfeitsBonus, r.CorrectsYear, r.CorrectsMonth, r.Reverses));
        }
        Assert.Equal(read.Select(l => l.Id).Distinct().Count(), read.Count);
    }
}
