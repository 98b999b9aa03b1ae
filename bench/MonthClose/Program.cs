using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using AfterSales.Features.Assessment;
using AfterSales.Features.Identity;
using AfterSales.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

// The month close of issue 5 at scale: a fresh database, N people and M incidents in one month (and some earlier, for
// the ladders), then the real close through StatementService beside a hand-written SQL aggregate over the same rows.
//   dotnet run -c Release --project bench/MonthClose -- --provider sqlite|postgres [--people 10000] [--incidents 1000000]
//       [--older 0] [--report docs/assessment-benchmark.md] [--keep] [--cold]
// --older N adds N incidents over the two years before the warm-up month: a company's history, which the close should
// not read beyond what its rules count.
if (args.Contains("--micro"))
{
    Micro.Run();
    return;
}
var options = Options.Parse(args);
var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
var nowLocal = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
var closeMonth = (nowLocal.Year * 12 + nowLocal.Month - 1) - 1; // last month: over, so it may be closed
(int Year, int Month) Ym(int index) => (index / 12, index % 12 + 1);
var month = Ym(closeMonth);
var warmUpMonth = Ym(closeMonth - 5);
DateTimeOffset MonthStart((int Year, int Month) m) => new(new DateTime(m.Year, m.Month, 1), zone.GetUtcOffset(new DateTime(m.Year, m.Month, 1)));

var name = $"aftersales_bench_{Guid.NewGuid():N}"[..32];
string connectionString;
if (options.Provider == "sqlite")
{
    connectionString = $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")};Pooling=False";
}
else
{
    var server = Environment.GetEnvironmentVariable("AFTERSALES_TEST_POSTGRES")
        ?? throw new InvalidOperationException("Set AFTERSALES_TEST_POSTGRES to a PostgreSQL server, e.g. Host=127.0.0.1;Port=55432;Username=postgres");
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0", admin);
        await create.ExecuteNonQueryAsync();
    }
    connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 600 }.ConnectionString;
}
Console.WriteLine($"{options.Provider}: {name}; closing {month.Year:0000}-{month.Month:00}; {options.People:N0} people, {options.Incidents:N0} incidents"
    + (options.Older > 0 ? $" and {options.Older:N0} older ones" : ""));

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:AfterSales"] = connectionString,
    ["Database:Provider"] = options.Provider,
    ["Site:TimeZone"] = "Asia/Shanghai",
}).Build();
var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddLogging(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
        .AddFilter(typeof(StatementService).FullName, LogLevel.Debug))
    .AddDatabase(configuration)
    .AddAppLocalization()
    .AddHttpContextAccessor()
    .AddSingleton<LocalTime>()
    .AddSingleton(new WorkOrderPolicy())
    .AddAssessment()
    .BuildServiceProvider();

try
{
    var total = Stopwatch.StartNew();
    int closerId;
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetCommandTimeout(600);
        await db.Database.MigrateAsync();
        Console.WriteLine($"migrated in {total.Elapsed.TotalSeconds:0.0} s");
        var load = Stopwatch.StartNew();
        closerId = await Fixture.LoadAsync(db, options, zone, MonthStart(month), MonthStart(warmUpMonth));
        Console.WriteLine($"fixture loaded in {load.Elapsed.TotalSeconds:0.0} s");
    }

    // Warm-up: a tiny month closed through the same path, so that the JIT and EF's query cache are not timed.
    await using (var scope = services.CreateAsyncScope())
    {
        var watch = Stopwatch.StartNew();
        var warm = await scope.ServiceProvider.GetRequiredService<StatementService>().CloseAsync(warmUpMonth, closerId);
        Console.WriteLine($"warm-up close {warm.Month}: {warm.People} people, {warm.Lines} lines, {watch.Elapsed.TotalSeconds:0.00} s");
    }

    // What the general manager does before pressing "close": opens the month's page, which previews every statement with
    // the same judging as the close (without writing). The web app that closes the month has therefore already run that
    // code hot; --cold leaves this out, to time a close that is the first thing its process does.
    async Task MonthPageAsync(string what)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(AccessScope.StaffIdClaim, closerId.ToString(CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Role, nameof(StaffRole.GeneralManager))],
                "bench")),
        };
        var watch = Stopwatch.StartNew();
        var page = await scope.ServiceProvider.GetRequiredService<StatementService>().MonthAsync(month);
        Console.WriteLine($"the month's page ({what}) {page.Month}: {page.Statements.Count} statements, "
            + $"{page.Statements.Sum(s => s.Lines)} lines, {watch.Elapsed.TotalSeconds:0.00} s");
    }
    // Twice: the first is also the JIT's; the second is the page as the web app serves it once it has run.
    if (!options.Cold)
    {
        await MonthPageAsync("preview");
        await MonthPageAsync("preview, again");
    }

    var (start, end) = (MonthStart(month), MonthStart(Ym(closeMonth + 1)));
    // Timed as the planner runs it and as a DBA who read its plan would force it (a table scan), before and after the close.
    async Task<(double Planner, double Scan)> AggregateAsync(string when)
    {
        var planned = await Aggregate.RunAsync(services, options.Provider, start, end, tableScan: false);
        var scanned = await Aggregate.RunAsync(services, options.Provider, start, end, tableScan: true);
        Console.WriteLine($"SQL aggregate ({when} the close): the planner's plan {planned.Seconds:0.00} s, a table scan {scanned.Seconds:0.00} s; "
            + $"{planned.People} people, {planned.Incidents} incidents, {planned.Amount:0.00} CNY");
        return (planned.Seconds, scanned.Seconds);
    }
    var before = await AggregateAsync("before");

    MonthClosedDto closed;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var (pauseBefore, gen2Before) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
    var closeWatch = Stopwatch.StartNew();
    await using (var scope = services.CreateAsyncScope())
        closed = await scope.ServiceProvider.GetRequiredService<StatementService>().CloseAsync(month, closerId);
    var closeSeconds = closeWatch.Elapsed.TotalSeconds;
    // The benchmark's own CPU time during the close (the PostgreSQL server's is not in it): on a shared machine
    // the wall clock includes the time the process waited for a core.
    var closeCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine($"GC during the close: {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:0.0} s paused, {GC.CollectionCount(2) - gen2Before} gen-2 collections, "
        + $"{GC.GetTotalMemory(false) / 1024 / 1024} MB live after");
    Console.WriteLine($"month close {closed.Month}: {closed.People} people, {closed.Lines} lines, net {closed.NetTotal:0.00} CNY, {closeSeconds:0.00} s ({closeCpu:0.0} s CPU in this process)");

    var after = await AggregateAsync("after");
    await MonthPageAsync("closed");
    // The close is compared with the fastest of the four.
    var sqlSeconds = new[] { before.Planner, before.Scan, after.Planner, after.Scan }.Min();

    var result = new Result(options.Provider == "sqlite" ? "SQLite" : "PostgreSQL", options.People, options.Incidents, closed.People, closed.Lines,
        closeSeconds, closeCpu, Math.Min(before.Planner, after.Planner), sqlSeconds, closeSeconds / sqlSeconds);
    Console.WriteLine();
    Console.WriteLine("| engine | people | incidents | statements | lines written | close (s) | close CPU (s) | SQL aggregate, planner's plan (s) | SQL aggregate, fastest (s) | ratio |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Console.WriteLine(result.Row);
    if (options.Report is { } report) Report.Append(report, result, args);
}
finally
{
    await services.DisposeAsync();
    if (!options.Keep)
    {
        if (options.Provider == "sqlite")
        {
            SqliteConnection.ClearAllPools();
            File.Delete(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("AFTERSALES_TEST_POSTGRES"));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

internal sealed record Options(string Provider, int People, int Incidents, int Older, string? Report, bool Keep, bool Cold)
{
    public static Options Parse(string[] args)
    {
        string? Value(string flag) => Array.IndexOf(args, flag) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var provider = Value("--provider") ?? "sqlite";
        if (provider is not ("sqlite" or "postgres")) throw new ArgumentException("--provider sqlite|postgres");
        return new Options(provider, int.Parse(Value("--people") ?? "10000", CultureInfo.InvariantCulture),
            int.Parse(Value("--incidents") ?? "1000000", CultureInfo.InvariantCulture), int.Parse(Value("--older") ?? "0", CultureInfo.InvariantCulture),
            Value("--report"), args.Contains("--keep"),
            args.Contains("--cold"));
    }
}

internal sealed record Result(string Engine, int People, int Incidents, int Statements, int Lines, double CloseSeconds, double CloseCpu,
    double PlannerSqlSeconds, double SqlSeconds, double Ratio)
{
    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Engine} | {People:N0} | {Incidents:N0} | {Statements:N0} | {Lines:N0} | {CloseSeconds:0.00} | {CloseCpu:0.0} | {PlannerSqlSeconds:0.00} | {SqlSeconds:0.00} | {Ratio:0.0}× |");
}

internal static class Report
{
    public static void Append(string path, Result result, string[] args)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[..3] : ["?"];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{result.Row} {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {string.Join(' ', load)}, `{string.Join(' ', args.Where(a => a != "--report" && a != path))}` |");
        File.AppendAllLines(path, [line]);
        Console.WriteLine($"appended to {path}");
    }
}

/// <summary>
/// Fixture data, written straight into the tables (binary COPY / one prepared INSERT in a transaction): not audited,
/// not through the domain — what is measured is the close, not the loading.
/// </summary>
internal static class Fixture
{
    // A realistic mix: mostly daily-report and location incidents, a few ladders, rare grave ones.
    private static readonly (string Kind, double Weight)[] Mix =
    [
        ("daily_report_late", 22), ("daily_report_missing", 8), ("daily_report_wrong", 8), ("gps_anomaly", 20), ("phone_unreachable", 5),
        ("phone_suspended", 4), ("phone_lost", 1), ("complaint_attitude", 6), ("callback_false_report", 4), ("callback_bad_attitude", 4),
        ("repair_redone", 8), ("area_duty_refusal", 3), ("leaving_post", 1.5), ("harmful_conduct", 1.5), ("part_not_returned", 2),
        ("expense_false_claim", 0.3), ("supervision_failure", 1), ("soliciting", 0.1), ("part_sold", 0.05),
    ];

    private static readonly string[] EquipmentKinds = ["split", "cabinet", "multi", "chiller", "fresh_air"];
    private static readonly string[] Causes = ["leak", "sensor", "board", "drain"];

    public static async Task<int> LoadAsync(AppDbContext db, Options options, TimeZoneInfo zone, DateTimeOffset monthStart, DateTimeOffset warmUpStart)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var postgres = db.IsPostgres;
        object At(DateTimeOffset t) => postgres ? t.ToUniversalTime() : t.UtcTicks;
        var random = new Random(20261027);
        var managers = Math.Max(2, options.People / 21);
        var hired = new DateOnly(2020, 1, 1);

        await using var transaction = await connection.BeginTransactionAsync();
        await Rows.WriteAsync(connection, transaction, "Regions", ["Id", "Code", "Name", "City", "ManagerId", "DeputyManagerId", "Version"],
            [[1, "FJ", "福建", "福州", null, null, 0], [2, "GD", "广东", "广州", null, null, 0]]);
        await Rows.WriteAsync(connection, transaction, "Staff",
            ["Id", "StaffNumber", "Name", "Phone", "Role", "RegionId", "ManagerId", "SkillLevel", "HireDate", "IsActive", "Version"],
            Enumerable.Range(1, options.People).Select(id => id <= managers
                ? new object?[] { id, $"M{id:00000}", $"主管{id}", $"138{id:00000000}", "RegionalManager", id % 2 + 1, null, 3, hired, true, 0 }
                : [id, $"T{id:00000}", $"技术员{id}", $"139{id:00000000}", "Technician", (id % managers + 1) % 2 + 1, id % managers + 1, 3, hired, true, 0]));

        // 90 % of the incidents in the month closed, 10 % in the three months before (for the ladders and the rework
        // window), and a handful in the warm-up month.
        var technicians = options.People - managers;
        var monthSeconds = (int)(monthStart.AddMonths(1) - monthStart).TotalSeconds;
        var evidence = new List<int>();
        IEnumerable<object?[]> Incidents()
        {
            var cumulative = Mix.Select((m, i) => Mix.Take(i + 1).Sum(x => x.Weight)).ToArray();
            for (var id = 1; id <= options.Incidents + 200 + options.Older; id++)
            {
                var person = managers + 1 + random.Next(technicians);
                var manager = person % managers + 1;
                DateTimeOffset at = id > options.Incidents + 200 ? warmUpStart.AddDays(-1 - random.Next(730)).AddSeconds(random.Next(86400))
                    : id > options.Incidents ? warmUpStart.AddMinutes(random.Next(20 * 24 * 60))
                    : random.NextDouble() < 0.9 ? monthStart.AddSeconds(random.Next(monthSeconds)) : monthStart.AddDays(-1 - random.Next(90)).AddSeconds(random.Next(86400));
                var found = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
                var kind = Mix[Math.Min(found < 0 ? ~found : found, Mix.Length - 1)].Kind;
                decimal? amount = kind switch
                {
                    "leaving_post" => 100 + random.Next(41) * 10,
                    "harmful_conduct" => 50 + random.Next(16) * 10,
                    "part_not_returned" => 10 + random.Next(500),
                    "expense_false_claim" => 20 + random.Next(300),
                    _ => null,
                };
                var waived = kind == "gps_anomaly" && random.NextDouble() < 0.03 || kind == "part_not_returned" && random.NextDouble() < 0.1;
                if (waived && kind == "part_not_returned") evidence.Add(id);
                DateTimeOffset? restored = kind is "phone_suspended" or "phone_lost" && random.NextDouble() < 0.8 ? at.AddMinutes(random.Next(60 * 30)) : null;
                var repair = kind == "repair_redone";
                yield return
                [
                    id, person, person % 2 + 1, kind, At(at), random.NextDouble() < 0.02 ? "Serious" : "Normal", amount, "基准测试事件", waived,
                    waived ? (kind == "gps_anomaly" ? "事先报备" : "被盗，已报案") : null, manager, restored is { } r ? At(r) : null,
                    kind == "phone_lost" && random.NextDouble() < 0.7, kind == "phone_lost" && random.NextDouble() < 0.1,
                    null, null, repair ? EquipmentKinds[random.Next(EquipmentKinds.Length)] : null, repair ? Causes[random.Next(Causes.Length)] : null,
                    repair ? (random.NextDouble() < 0.15 ? "major" : random.NextDouble() < 0.5 ? "minor" : "medium") : null,
                    "bench", manager, At(at.AddHours(1)), "Recorded", 0,
                ];
            }
        }
        await Rows.WriteAsync(connection, transaction, "Incidents",
            ["Id", "PersonId", "RegionId", "Kind", "At", "Severity", "Amount", "Description", "Waived", "WaiverReason", "ManagerId", "RestoredAt",
             "Verified", "FalseReport", "WorkOrderId", "EquipmentId", "EquipmentKind", "Cause", "RepairClass", "Source", "RecordedById", "RecordedAt",
             "State", "Version"],
            Incidents());
        await Rows.WriteAsync(connection, transaction, "IncidentFiles", ["IncidentId", "Name", "ContentType", "Content", "AddedById", "AddedAt"],
            evidence.Select(id => new object?[] { id, "police-report.jpg", "image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF }, 1, At(monthStart) }));
        await transaction.CommitAsync();

        if (postgres)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT setval(pg_get_serial_sequence('"Regions"', 'Id'), 2);
                SELECT setval(pg_get_serial_sequence('"Staff"', 'Id'), (SELECT max("Id") FROM "Staff"));
                SELECT setval(pg_get_serial_sequence('"Incidents"', 'Id'), (SELECT max("Id") FROM "Incidents"));
                ANALYZE;
                """;
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "ANALYZE;";
            await command.ExecuteNonQueryAsync();
        }
        await connection.CloseAsync();
        return 1;
    }
}

internal static class Rows
{
    public static async Task WriteAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (connection is NpgsqlConnection npgsql)
        {
            await using var writer = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null: await writer.WriteNullAsync(); break;
                        case int i: await writer.WriteAsync(i, NpgsqlDbType.Integer); break;
                        case string s: await writer.WriteAsync(s, NpgsqlDbType.Varchar); break;
                        case decimal d: await writer.WriteAsync(d, NpgsqlDbType.Numeric); break;
                        case bool b: await writer.WriteAsync(b, NpgsqlDbType.Boolean); break;
                        case DateTimeOffset t: await writer.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                        case DateOnly d: await writer.WriteAsync(d, NpgsqlDbType.Date); break;
                        case byte[] bytes: await writer.WriteAsync(bytes, NpgsqlDbType.Bytea); break;
                        default: throw new NotSupportedException(value.GetType().Name);
                    }
                }
            }
            await writer.CompleteAsync();
            return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) => command.CreateParameter()).ToArray();
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].ParameterName = $"@p{i}";
            command.Parameters.Add(parameters[i]);
        }
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// What a DBA would write to get the month's totals roughly: per person, the count and the amount of the month's
/// incidents, with a window count for the monthly ladders (complaints, area-duty refusals) and the forfeitures.
/// </summary>
internal static class Aggregate
{
    private const string Sql = """
        WITH m AS (
            SELECT "PersonId" AS p, "ManagerId" AS mg, "Kind" AS k, "Amount" AS a, "Waived" AS w, "Severity" AS s,
                   ROW_NUMBER() OVER (PARTITION BY "PersonId", "Kind" ORDER BY "At", "Id") AS n
            FROM "Incidents"
            WHERE "At" >= @start AND "At" < @end AND "State" <> 'AppealUpheld'
        ), per AS (
            SELECT p, COUNT(*) AS incidents,
                SUM(CASE WHEN w THEN 0
                         WHEN k IN ('gps_anomaly', 'phone_suspended', 'supervision_failure') THEN 20
                         WHEN k = 'phone_unreachable' THEN 50
                         WHEN k IN ('daily_report_late', 'daily_report_missing', 'daily_report_wrong') THEN 20
                         WHEN k IN ('callback_false_report', 'callback_bad_attitude') THEN 40
                         WHEN k = 'complaint_attitude' THEN CASE n WHEN 1 THEN 100 WHEN 2 THEN 200 ELSE 0 END
                         WHEN k = 'area_duty_refusal' THEN CASE WHEN n <= 2 THEN 100 ELSE 0 END
                         WHEN k = 'repair_redone' THEN 100
                         WHEN k = 'part_not_returned' THEN 100 + COALESCE(a, 0)
                         WHEN k IN ('leaving_post', 'harmful_conduct') THEN COALESCE(a, 0)
                         ELSE 0 END) AS amount,
                SUM(CASE WHEN (k = 'complaint_attitude' AND n >= 3) OR (k = 'area_duty_refusal' AND n >= 3) OR k IN ('soliciting', 'expense_false_claim')
                         THEN 1 ELSE 0 END) AS forfeits
            FROM m GROUP BY p
            UNION ALL
            SELECT mg, 0, SUM(CASE WHEN k = 'gps_anomaly' AND NOT w THEN 10 ELSE 0 END), 0 FROM m WHERE mg IS NOT NULL GROUP BY mg
        )
        SELECT p, SUM(incidents), SUM(amount), SUM(forfeits) FROM per GROUP BY p
        """;

    /// <summary>
    /// <paramref name="tableScan"/>: the month is nine tenths of the table, and both planners choose an index for it
    /// (SQLite the one on At, fetching each row by id; PostgreSQL the one on person and time, for the window's order):
    /// forced to scan the table instead (SQLite <c>NOT INDEXED</c>, as the close reads; PostgreSQL index scans off for
    /// the session) each runs faster.
    /// </summary>
    public static async Task<(double Seconds, int People, long Incidents, decimal Amount)> RunAsync(IServiceProvider services, string provider,
        DateTimeOffset start, DateTimeOffset end, bool tableScan)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        // PostgreSQL: for this session only (the pool discards a connection's settings when it is given back).
        if (tableScan && provider != "sqlite")
        {
            await using var settings = connection.CreateCommand();
            settings.CommandText = "SET enable_indexscan = off; SET enable_bitmapscan = off";
            await settings.ExecuteNonQueryAsync();
        }
        var watch = Stopwatch.StartNew();
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 600;
        var sql = tableScan && provider == "sqlite" ? Sql.Replace("FROM \"Incidents\"", "FROM \"Incidents\" NOT INDEXED") : Sql;
        command.CommandText = provider == "sqlite" ? sql.Replace("WHEN w THEN", "WHEN w = 1 THEN").Replace("NOT w", "w = 0") : sql;
        var startParameter = command.CreateParameter();
        startParameter.ParameterName = "@start";
        startParameter.Value = provider == "sqlite" ? start.UtcTicks : start.ToUniversalTime();
        var endParameter = command.CreateParameter();
        endParameter.ParameterName = "@end";
        endParameter.Value = provider == "sqlite" ? end.UtcTicks : end.ToUniversalTime();
        command.Parameters.Add(startParameter);
        command.Parameters.Add(endParameter);
        var (people, incidents, amount) = (0, 0L, 0m);
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                people++;
                incidents += Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                amount += Convert.ToDecimal(reader.GetValue(2), CultureInfo.InvariantCulture);
            }
        var seconds = watch.Elapsed.TotalSeconds;
        await connection.CloseAsync();
        return (seconds, people, incidents, amount);
    }
}

/// <summary>--micro: the pure rules alone, one million judgements of a realistic history, to see what the close's judge phase costs.</summary>
internal static class Micro
{
    public static void Run()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var policy = new AfterSales.Domain.Assessment.PolicyInForce("0", AfterSales.Domain.Assessment.PolicyDocument.Default());
        var fixedPolicy = new AfterSales.Domain.Assessment.Assessor(_ => policy, zone);
        var lookedUp = new AfterSales.Domain.Assessment.Assessor(at => { var local = TimeZoneInfo.ConvertTime(at, zone); return local.Year > 0 ? policy : policy; }, zone);
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var history = Enumerable.Range(1, 24).Select(i => new AfterSales.Domain.Assessment.IncidentFacts
        {
            Id = $"AS{i:000000}", Sequence = i, Person = "42", Kind = "daily_report_late", At = start.AddHours(i * 29).ToUniversalTime(), Manager = "7",
        }).ToList();
        foreach (var (label, assessor) in new[] { ("fixed policy", fixedPolicy), ("policy looked up by time", lookedUp) })
        {
            var watch = Stopwatch.StartNew();
            var count = 0;
            for (var n = 0; n < 1_000_000; n++) count += assessor.Judge(history[n % history.Count], history).Count;
            Console.WriteLine($"{label}: 1M judgements in {watch.Elapsed.TotalSeconds:0.00} s ({count} lines)");
        }
        var line = fixedPolicy.Judge(history[5], history)[0];
        var json = Stopwatch.StartNew();
        var length = 0;
        for (var n = 0; n < 1_000_000; n++)
            length += System.Text.Json.JsonSerializer.Serialize(line.Reason.Select(p => new { p.Code, Args = p.Arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToArray() })).Length;
        Console.WriteLine($"1M reasons as JSON in {json.Elapsed.TotalSeconds:0.00} s");
    }
}
