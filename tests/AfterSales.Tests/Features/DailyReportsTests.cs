using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.Assessment;
using AfterSales.Domain.Reports;
using AfterSales.Features.Reports;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>RPT-2 (receiving and matching the daily SMS report) and RPT-3/ASM-13 (the daily deadline).</summary>
public sealed class DailyReportsTests
{
    private const string Secret = "test-inbound-secret";
    private static readonly Dictionary<string, string> Signed = new() { ["Sms:InboundSecret"] = Secret };
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private const string Tech01Phone = "13910000001";

    // Customer C0001 (tech01's): phone 13800000001, owner contact with the same number.
    private const string GoodReport = "A住宅卷压设备,13800000001,更换油管";

    private static DateTimeOffset Local(DateOnly day, int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), Shanghai);

    /// <summary>An installation for tech01 booked at about 10:00 local, two days ahead: that day is returned.</summary>
    private static async Task<(int Id, DateOnly Day)> JobInTwoDaysAsync(TestApp app)
    {
        var now = app.Factory.Clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.ToOffset(Shanghai).DateTime).AddDays(2);
        var hours = (int)Math.Ceiling((Local(day, 10) - now).TotalHours);
        return (await Jobs.InstallationAsync(app, hours), day);
    }

    private static async Task<HttpResponseMessage> InboundAsync(TestApp app, object message, string secret = Secret, DateTimeOffset? at = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        var timestamp = (at ?? app.Factory.Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ReportsApi.TimestampHeader, timestamp);
        request.Headers.Add(ReportsApi.SignatureHeader, ReportsApi.Sign(secret, timestamp, body));
        return await app.Anonymous().SendAsync(request);
    }

    private static async Task<JudgeResult> JudgeAsync(TestApp app, DateOnly day)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyReportJudge>().JudgeAsync(day);
    }

    [Theory, BothDatabases]
    public async Task RPT2_a_signed_gateway_message_is_stored_parsed_and_matched_to_the_days_job(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var (job, day) = await JobInTwoDaysAsync(app);
        app.Factory.Clock.SetUtcNow(Local(day, 17, 20));

        var response = await InboundAsync(app, new { id = "gw-1", from = "+86 139 1000 0001", text = GoodReport + ",B漳州龙文花园垂直设备,1393939***,更换油缸" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var report = await app.DbAsync(d => d.DailyReports.Include(r => r.Entries).SingleAsync());
        var tech01 = await app.StaffIdAsync("tech01");
        Assert.Equal((ReportSource.Gateway, "gw-1", tech01, day, DailyReportStatus.WellFormed),
            (report.Source, report.GatewayId, report.TechnicianId, report.Day, report.Status));
        var entries = report.Entries.OrderBy(e => e.Position).ToList();
        Assert.Equal([job, null], entries.Select(e => e.WorkOrderId));
        Assert.Equal(["A", "B"], entries.Select(e => e.Label));

        // The manager sees the match, and the entry that matched nothing.
        var manager = await app.LogInAsync("fj.manager");
        var html = await manager.GetStringAsync($"/Reports/Details/{report.Id}");
        Assert.Contains($"WO{job:000000}", html);
        Assert.Contains("漳州龙文花园垂直设备", html);
    }

    [Theory, BothDatabases]
    public async Task RPT2_a_bad_signature_is_refused_with_401_and_nothing_is_stored(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var response = await InboundAsync(app, new { id = "gw-1", from = Tech01Phone, text = GoodReport }, secret: "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // No signature at all.
        var bare = await app.Anonymous().PostAsJsonAsync("/api/sms/inbound", new { id = "gw-2", from = Tech01Phone, text = GoodReport });
        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal(0, await app.DbAsync(d => d.DailyReports.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task RPT2_a_stale_or_future_timestamp_is_refused(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var now = app.Factory.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.Unauthorized, (await InboundAsync(app, new { id = "gw-1", from = Tech01Phone, text = GoodReport }, at: now.AddMinutes(-6))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await InboundAsync(app, new { id = "gw-1", from = Tech01Phone, text = GoodReport }, at: now.AddMinutes(6))).StatusCode);
        Assert.Equal(0, await app.DbAsync(d => d.DailyReports.CountAsync()));
        Assert.Equal(HttpStatusCode.Created, (await InboundAsync(app, new { id = "gw-1", from = Tech01Phone, text = GoodReport }, at: now.AddMinutes(-4))).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task RPT2_without_a_configured_secret_the_webhook_answers_503(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await InboundAsync(app, new { id = "gw-1", from = Tech01Phone, text = GoodReport });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.DbAsync(d => d.DailyReports.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task RPT2_the_same_gateway_message_delivered_twice_is_stored_once(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var message = new { id = "gw-42", from = Tech01Phone, text = GoodReport };
        Assert.Equal(HttpStatusCode.Created, (await InboundAsync(app, message)).StatusCode);
        var again = await InboundAsync(app, message);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, await app.DbAsync(d => d.DailyReports.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task RPT2_a_message_from_an_unknown_number_is_kept_raw_listed_and_can_be_given_to_a_technician(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        Assert.Equal(HttpStatusCode.Created, (await InboundAsync(app, new { id = "gw-7", from = "13799998888", text = "不是日报的短信" })).StatusCode);
        var report = await app.DbAsync(d => d.DailyReports.SingleAsync());
        Assert.Equal((DailyReportStatus.UnknownSender, (int?)null, "不是日报的短信", "13799998888"), (report.Status, report.TechnicianId, report.Text, report.SenderPhone));
        var manager = await app.LogInAsync("fj.manager");
        var list = await manager.GetStringAsync("/Reports?status=UnknownSender");
        Assert.Contains($"/Reports/Details/{report.Id}", list);
        Assert.Contains("不是日报的短信", await manager.GetStringAsync($"/Reports/Details/{report.Id}"));

        // Another region's manager cannot give it to a technician not theirs; tech01's manager can, and it is read then.
        var tech01 = (await app.StaffIdAsync("tech01")).ToString(CultureInfo.InvariantCulture);
        var other = await app.LogInAsync("gd.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await TestApp.PostFormAsync(other, $"/Reports/Details/{report.Id}",
            new Dictionary<string, string> { ["Input.TechnicianId"] = tech01 }, $"/Reports/Details/{report.Id}?handler=Assign")).StatusCode);
        var assigned = await TestApp.PostFormAsync(manager, $"/Reports/Details/{report.Id}",
            new Dictionary<string, string> { ["Input.TechnicianId"] = tech01 }, $"/Reports/Details/{report.Id}?handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var read = await app.DbAsync(d => d.DailyReports.SingleAsync());
        Assert.Equal((int.Parse(tech01, CultureInfo.InvariantCulture), DailyReportStatus.Malformed, "13799998888"), (read.TechnicianId!.Value, read.Status, read.SenderPhone));
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/reports/{report.Id}/assign", new { technicianId = read.TechnicianId })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task RPT2_a_manager_pastes_a_report_and_sees_it_matched_to_the_days_jobs(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (job, day) = await JobInTwoDaysAsync(app);
        app.Factory.Clock.SetUtcNow(Local(day, 17, 30));
        var tech01 = await app.StaffIdAsync("tech01");
        var manager = await app.LogInAsync("fj.manager");
        var response = await TestApp.PostFormAsync(manager, "/Reports/Paste", new Dictionary<string, string>
        {
            ["Input.TechnicianId"] = tech01.ToString(CultureInfo.InvariantCulture),
            ["Input.Day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Text"] = GoodReport + "\nB厦门某处淋浴房,1360000****,维护",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var report = await app.DbAsync(d => d.DailyReports.Include(r => r.Entries).SingleAsync());
        Assert.Equal((ReportSource.Paste, tech01, day, await app.StaffIdAsync("fj.manager")), (report.Source, report.TechnicianId, report.Day, report.EnteredById));
        Assert.Equal($"/Reports/Details/{report.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal([job, null], report.Entries.OrderBy(e => e.Position).Select(e => e.WorkOrderId));

        var html = await manager.GetStringAsync($"/Reports/Details/{report.Id}");
        Assert.Contains($"/WorkOrders/Details/{job}", html);
        Assert.Contains("厦门某处淋浴房", html);
    }

    [Theory, BothDatabases]
    public async Task RPT2_a_pasted_report_lists_the_days_jobs_without_an_entry_and_the_parsers_problems(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (job, day) = await JobInTwoDaysAsync(app);
        app.Factory.Clock.SetUtcNow(Local(day, 17, 30));
        var manager = await app.LogInAsync("fj.manager");
        var response = await TestApp.PostFormAsync(manager, "/Reports/Paste", new Dictionary<string, string>
        {
            ["Input.TechnicianId"] = (await app.StaffIdAsync("tech01")).ToString(CultureInfo.InvariantCulture),
            ["Input.Day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Text"] = "A泉州某地垂直设备,更换油缸",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var report = await app.DbAsync(d => d.DailyReports.SingleAsync());
        Assert.Equal(DailyReportStatus.Malformed, report.Status);
        var html = await manager.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains($"WO{job:000000}", html); // a job of the day without an entry
        Assert.Contains("条目 A 缺少联系人电话", html);
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_manager_of_another_region_can_neither_paste_for_nor_see_a_technician_not_theirs(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var tech01 = (await app.StaffIdAsync("tech01")).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Created, (await InboundAsync(app, new { id = "gw-1", from = Tech01Phone, text = GoodReport })).StatusCode);
        var id = await app.DbAsync(d => d.DailyReports.Select(r => r.Id).SingleAsync());

        var other = await app.LogInAsync("gd.manager");
        var pasted = await TestApp.PostFormAsync(other, "/Reports/Paste", new Dictionary<string, string>
        {
            ["Input.TechnicianId"] = tech01, ["Input.Text"] = GoodReport,
        });
        Assert.Equal(HttpStatusCode.NotFound, pasted.StatusCode);
        Assert.DoesNotContain($"value=\"{tech01}\"", await other.GetStringAsync("/Reports/Paste"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Reports/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/reports/{id}")).StatusCode);
        Assert.DoesNotContain($"/Reports/Details/{id}", await other.GetStringAsync("/Reports"));
        Assert.Equal(1, await app.DbAsync(d => d.DailyReports.CountAsync()));

        // A technician does not see the managers' reports at all.
        var tech = await app.LogInAsync("tech02");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync("/api/reports")).StatusCode);
    }

    private static async Task ReportAsync(TestApp app, DateTimeOffset at, string text, string id)
    {
        app.Factory.Clock.SetUtcNow(at);
        Assert.Equal(HttpStatusCode.Created, (await InboundAsync(app, new { id, from = Tech01Phone, text })).StatusCode);
    }

    private static Task<List<Incident>> IncidentsAsync(TestApp app, int personId) =>
        app.DbAsync(d => d.Incidents.Where(i => i.PersonId == personId).ToListAsync());

    [Theory, BothDatabases]
    public async Task RPT3_no_report_by_the_windows_end_raises_one_missing_incident_even_when_judged_twice(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var (_, day) = await JobInTwoDaysAsync(app);
        app.Factory.Clock.SetUtcNow(Local(day, 17, 59));
        await Assert.ThrowsAsync<AfterSales.Domain.DomainException>(() => JudgeAsync(app, day)); // the window is still open
        app.Factory.Clock.SetUtcNow(Local(day, 18, 1));
        var first = await JudgeAsync(app, day);
        var second = await JudgeAsync(app, day);
        Assert.Equal((1, 1, 0), (first.Judged, first.Incidents, first.AlreadyJudged));
        Assert.Equal((0, 0, 1), (second.Judged, second.Incidents, second.AlreadyJudged));

        var tech01 = await app.StaffIdAsync("tech01");
        var incident = Assert.Single(await IncidentsAsync(app, tech01));
        Assert.Equal(("daily_report_missing", "daily-report", (int?)null, Local(day, 18)), (incident.Kind, incident.Source, incident.RecordedById, incident.At));
        var judgement = await app.DbAsync(d => d.DailyReportJudgements.SingleAsync());
        Assert.Equal((tech01, day, ReportVerdict.Missing, incident.Id), (judgement.TechnicianId, judgement.Day, judgement.Verdict, judgement.IncidentId));
        // Only technicians on field duty that day are judged.
        Assert.Equal(1, await app.DbAsync(d => d.Incidents.CountAsync()));

        // ASM-13: on the month statement at the policy's amount.
        var month = $"{day.Year:0000}-{day.Month:00}";
        var finance = await app.LogInAsync("fj.manager");
        var statement = await finance.GetFromJsonAsync<JsonElement>($"/api/assessment/months/{month}/statements/{tech01}");
        var line = Assert.Single(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("incidentId").ValueKind == JsonValueKind.Number);
        Assert.Equal(incident.Id, line.GetProperty("incidentId").GetInt32());
        Assert.Equal(("ASM-13", 20m, "bonus"), (line.GetProperty("rule").GetString(), line.GetProperty("amount").GetDecimal(), line.GetProperty("pot").GetString()));

        // The manager's day board shows tech01 missing with the incident; another region's manager does not see tech01.
        var board = await finance.GetStringAsync($"/Reports/Today?date={day:yyyy-MM-dd}");
        Assert.Contains("张伟", board);
        Assert.Contains("未发", board);
        Assert.Contains($"/Assessment/Incidents/{incident.Id}", board);
        var other = await (await app.LogInAsync("gd.manager")).GetStringAsync($"/Reports/Today?date={day:yyyy-MM-dd}");
        Assert.DoesNotContain("张伟", other);
    }

    [Theory, BothDatabases]
    public async Task RPT3_before_the_deadline_the_board_shows_who_has_reported_and_who_not_yet(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var (_, day) = await JobInTwoDaysAsync(app);
        app.Factory.Clock.SetUtcNow(Local(day, 17, 10));
        var manager = await app.LogInAsync("fj.manager");
        var board = await manager.GetStringAsync($"/Reports/Today?date={day:yyyy-MM-dd}");
        Assert.Contains("尚未收到", board);
        Assert.Contains($"/Reports/Paste?technicianId={await app.StaffIdAsync("tech01")}", board);
        await ReportAsync(app, Local(day, 17, 20), GoodReport, "gw-board");
        var id = await app.DbAsync(d => d.DailyReports.Select(r => r.Id).SingleAsync());
        board = await manager.GetStringAsync($"/Reports/Today?date={day:yyyy-MM-dd}");
        Assert.Contains("按时", board);
        Assert.Contains($"/Reports/Details/{id}", board);
    }

    [Theory, BothDatabases]
    public async Task RPT3_a_report_after_the_window_is_late(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var (_, day) = await JobInTwoDaysAsync(app);
        await ReportAsync(app, Local(day, 18, 30), GoodReport, "gw-late");
        await JudgeAsync(app, day);
        var incident = Assert.Single(await IncidentsAsync(app, await app.StaffIdAsync("tech01")));
        Assert.Equal(("daily_report_late", Local(day, 18, 30)), (incident.Kind, incident.At));
    }

    [Theory, BothDatabases]
    public async Task RPT3_a_report_before_the_window_or_a_malformed_one_is_wrong_and_one_in_time_raises_nothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db, Signed);
        var (_, day) = await JobInTwoDaysAsync(app);
        var tech01 = await app.StaffIdAsync("tech01");
        await ReportAsync(app, Local(day, 16, 0), GoodReport, "gw-early");
        app.Factory.Clock.SetUtcNow(Local(day, 18, 1));
        await JudgeAsync(app, day);
        Assert.Equal("daily_report_wrong", Assert.Single(await IncidentsAsync(app, tech01)).Kind);
        Assert.Equal(ReportVerdict.Early, await app.DbAsync(d => d.DailyReportJudgements.Select(j => j.Verdict).SingleAsync()));

        // The next day: a malformed report in time (no phone) is wrong too.
        var (_, next) = await JobInTwoDaysAsync(app);
        await ReportAsync(app, Local(next, 17, 30), "今天没干什么", "gw-malformed");
        app.Factory.Clock.SetUtcNow(Local(next, 18, 1));
        await JudgeAsync(app, next);
        Assert.Equal(["daily_report_wrong", "daily_report_wrong"], (await IncidentsAsync(app, tech01)).Select(i => i.Kind));
        Assert.Equal(ReportVerdict.Malformed, await app.DbAsync(d => d.DailyReportJudgements.Where(j => j.Day == next).Select(j => j.Verdict).SingleAsync()));

        // And the day after: a good report within the window raises nothing.
        var (_, third) = await JobInTwoDaysAsync(app);
        await ReportAsync(app, Local(third, 17, 45), GoodReport, "gw-good");
        app.Factory.Clock.SetUtcNow(Local(third, 18, 5));
        var judged = await JudgeAsync(app, third);
        Assert.Equal((1, 0), (judged.Judged, judged.Incidents));
        Assert.Equal(2, (await IncidentsAsync(app, tech01)).Count);
    }

    [Theory, BothDatabases]
    public async Task RPT3_the_worker_judges_a_day_once_its_window_has_ended(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new Dictionary<string, string> { ["Reports:JudgeIntervalSeconds"] = "60" });
        var (_, day) = await JobInTwoDaysAsync(app);
        app.Factory.Clock.SetUtcNow(Local(day, 18, 2));
        var tech01 = await app.StaffIdAsync("tech01");
        // The worker sleeps on the app's clock: each minute moved on wakes it.
        for (var i = 0; i < 100 && (await IncidentsAsync(app, tech01)).Count == 0; i++)
        {
            app.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(100);
        }
        Assert.Equal("daily_report_missing", Assert.Single(await IncidentsAsync(app, tech01)).Kind);
    }

    [Theory, BothDatabases]
    public async Task RPT3_the_command_line_judges_a_day(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (_, day) = await JobInTwoDaysAsync(app);
        // The command line runs on the real clock: the job's day (two days ahead) has not ended, so it is refused.
        var early = await Cli.RunAsync(app.Database, "reports", "judge", "--date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.True(early.ExitCode == 1, early.ToString());
        Assert.Equal(0, await app.DbAsync(d => d.DailyReportJudgements.CountAsync()));
        var past = await Cli.RunAsync(app.Database, "reports", "judge", "--date", "2026-01-05");
        Assert.True(past.ExitCode == 0, past.ToString());
        Assert.Contains("0 judged", past.Output);
        Assert.Equal(2, (await Cli.RunAsync(app.Database, "reports", "judge", "--date", "2026-13-05")).ExitCode);
    }
}
