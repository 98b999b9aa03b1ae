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
    /// <summary>
    /// PostgreSQL's rows are encoded by hand (<c>PgCopyRows</c>): amounts across the base-10,000 groups of its numeric
    /// type (zero, places padded to a group, whole groups of zeros at either end, negative, the column's largest) and
    /// instants on both sides of its epoch, to the microsecond, read back exactly.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Amounts_and_instants_read_back_exactly(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var staff = await app.DbAsync(d => d.Staff.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        decimal[] amounts = [0m, 0.01m, 0.5m, 0.10m, 20m, 20.00m, 9999.99m, 10000m, 10000.01m, 100000000m, 1234567.89m, 9999999999999999.99m, -0.01m,
            -1234.5m, 50m, 1200.00m];
        DateTimeOffset[] instants = [new(2026, 10, 31, 23, 59, 59, TimeSpan.FromHours(8)), new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990),
            new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 8, 7, 6, 5, TimeSpan.Zero).AddTicks(1_234_560)];
        var written = amounts.Select((amount, k) => new StatementLine(2026, 11, staff, new AssessmentLine("x", "", "ASM-3", "2026.1", "gps_anomaly",
            instants[k % instants.Length], amount, Pot.Pay, [new ReasonPart("Reason.Fixed")], []), k, null, ReasonJson.Of([new ReasonPart("Reason.Fixed")]))).ToList();

        await app.DbAsync(async d =>
        {
            await using var transaction = await d.Database.BeginTransactionAsync();
            await LedgerWriter<StatementLine>.AppendAsync(d, written, CancellationToken.None);
            await transaction.CommitAsync();
        });

        var read = await app.DbAsync(d => d.StatementLines.AsNoTracking().Where(l => l.Year == 2026 && l.Month == 11).OrderBy(l => l.IncidentId)
            .Select(l => new { l.Amount, l.At }).ToListAsync());
        Assert.Equal(written.Select(w => (w.Amount, w.At.UtcTicks)), read.Select(r => (r.Amount, r.At.UtcTicks)));
    }
    /// <summary>A row PostgreSQL refuses (a rule longer than its column) fails the append with the server's own error, and none of the rows is stored.</summary>
    [Fact]
    public async Task A_row_the_server_refuses_fails_the_append_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync(Db.Postgres);
        var staff = await app.DbAsync(d => d.Staff.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        StatementLine Line(string rule) => new(2026, 12, staff, new AssessmentLine("x", "", rule, "2026.1", "gps_anomaly",
            new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)), 20m, Pot.Bonus, [new ReasonPart("Reason.Fixed")], []), null, null,
            ReasonJson.Of([new ReasonPart("Reason.Fixed")]));

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.DbAsync(async d =>
        {
            await using var transaction = await d.Database.BeginTransactionAsync();
            await LedgerWriter<StatementLine>.AppendAsync(d, [Line("ASM-3"), Line(new string('R', 21)), Line("ASM-4")], CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        }));

        Assert.Equal(Npgsql.PostgresErrorCodes.StringDataRightTruncation, refused.SqlState);
        Assert.Equal(0, await app.DbAsync(d => d.StatementLines.CountAsync(l => l.Year == 2026 && l.Month == 12)));
    }
}
