using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AfterSales.Domain.Messaging;
using AfterSales.Features.Demo;
using AfterSales.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// Issue 12: two instances of the app — two processes, as production runs them behind a balancer — over one PostgreSQL.
/// </summary>
public sealed partial class MultiInstanceTests
{
    private static readonly string[] Jobs = ["daily-report", "month-close", "dispatch-overnight", "outbox"];

    [Fact]
    public async Task Two_instances_over_one_PostgreSQL_share_log_ins_run_each_scheduled_job_once_per_period_and_refuse_lost_updates()
    {
        // The database, and a way to arrange and check it (an in-process host whose own jobs are off); disposing it drops the database.
        await using var host = TestApp.Attach(await TestDatabase.CreateAsync(Db.Postgres));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var workOrderId = await Support.Jobs.InstallationAsync(host);
        // tech01 was booked on a job two days ago (and sent no report): the daily-report deadline has someone to judge.
        var booked = await Support.Jobs.InstallationAsync(host);
        await host.DbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"UPDATE \"WorkOrders\" SET \"AppointmentStart\" = {DateTimeOffset.UtcNow.AddDays(-2)} WHERE \"Id\" = {booked}");
            // Text messages waiting to go out: each must reach the gateway once, whichever instance sends it.
            for (var i = 0; i < 20; i++)
                db.Outbox.Add(new OutboxMessage(RecipientKind.Staff, "张伟", "13800000001", "test", $"消息 {i}", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });

        var gateway = await FakeGateway.StartAsync();
        await using var _ = gateway;
        var settings = new Dictionary<string, string>
        {
            // Every job wakes each second on both instances, and each is due now: the period's run is fought over.
            ["Reports__JudgeIntervalSeconds"] = "1",
            ["Reports__LookBackDays"] = "3",
            ["Assessment__CloseIntervalSeconds"] = "1",
            ["Assessment__CloseOnDay"] = "1",
            ["Assessment__CloseAtHour"] = "0",
            ["Dispatch__OvernightIntervalSeconds"] = "1",
            ["Dispatch__OvernightHour"] = "0",
            ["Outbox__IntervalSeconds"] = "1",
            ["Outbox__Sender"] = "Http",
            ["Outbox__Http__Url"] = gateway.Url,
            ["Attendance__DetectorIntervalSeconds"] = "0",
            ["Stock__OverdueIntervalSeconds"] = "0",
        };
        // Both start at once, as after a deployment.
        var started = await Task.WhenAll(AppProcess.StartAsync(host.Database, settings), AppProcess.StartAsync(host.Database, settings));
        await using var a = started[0];
        await using var b = started[1];

        // A log-in made on one instance is good on the other (the data-protection keys are in the database), both ways.
        foreach (var (first, second) in new[] { (a, b), (b, a) })
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var client = new HttpClient(handler);
            var logIn = await client.PostAsJsonAsync($"{first.Url}/api/auth/login", new { login = "tech01", password = DemoCompany.Password });
            Assert.True(logIn.StatusCode == HttpStatusCode.NoContent, $"{(int)logIn.StatusCode}\n{first.Output}");
            var me = await client.GetAsync($"{second.Url}/api/auth/me");
            Assert.True(me.StatusCode == HttpStatusCode.OK, $"the other instance answered {(int)me.StatusCode}\n{second.Output}");
            Assert.Equal("tech01", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());
        }

        // Two dispatchers save the same work order at once, one on each instance: one wins, the other gets a conflict.
        var manager = await LogInAsync(a, "fj.manager");
        var deputy = await LogInAsync(b, "fj.deputy");
        var version = (await manager.GetFromJsonAsync<JsonElement>($"{a.Url}/api/work-orders/{workOrderId}")).GetProperty("workOrder").GetProperty("version").GetInt32();
        // Each moves the appointment (agreed again with the customer) to a different time.
        var (morning, afternoon) = (DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(1), DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(6));
        var saves = await Task.WhenAll(
            manager.PostAsJsonAsync($"{a.Url}/api/work-orders/{workOrderId}/schedule", new { start = morning, end = morning.AddHours(2), customerConsented = true, version }),
            deputy.PostAsJsonAsync($"{b.Url}/api/work-orders/{workOrderId}/schedule", new { start = afternoon, end = afternoon.AddHours(2), customerConsented = true, version }));
        Assert.True(saves.Select(s => s.StatusCode).Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]),
            string.Join("\n", await Task.WhenAll(saves.Select(async s => $"{(int)s.StatusCode} {await s.Content.ReadAsStringAsync()}"))));
        var winner = saves[0].StatusCode == HttpStatusCode.OK ? morning : afternoon;
        var loser = saves.Single(s => s.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", loser.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ConcurrentEdit", (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var saved = await host.DbAsync(db => db.WorkOrders.AsNoTracking().SingleAsync(w => w.Id == workOrderId));
        Assert.Equal((winner, version + 1), (saved.AppointmentStart!.Value, saved.Version));

        // Let each instance run each job a few rounds, then count what the rounds made.
        using var scraper = new HttpClient();
        for (var tries = 0; tries < 240; tries++)
        {
            var rounds = await Task.WhenAll(RoundsAsync(scraper, a), RoundsAsync(scraper, b));
            if (rounds.All(r => Jobs.All(job => r.GetValueOrDefault((job, "ok")) >= 3))) break;
            await Task.Delay(500);
        }
        foreach (var app in new[] { a, b })
        {
            var rounds = await RoundsAsync(scraper, app);
            foreach (var job in Jobs)
            {
                Assert.True(rounds.GetValueOrDefault((job, "ok")) >= 3, $"{job} ran {rounds.GetValueOrDefault((job, "ok"))} rounds\n{app.Output}");
                Assert.True(rounds.GetValueOrDefault((job, "failed")) == 0, $"{job} failed\n{app.Output}");
            }
        }

        await host.DbAsync(async db =>
        {
            // Month close: last month once, one statement per person.
            var lastMonth = today.AddMonths(-1);
            Assert.Equal(1, await db.MonthCloses.CountAsync(c => c.Year == lastMonth.Year && c.Month == lastMonth.Month));
            var statements = await db.MonthStatements.Where(s => s.Year == lastMonth.Year && s.Month == lastMonth.Month)
                .GroupBy(s => s.StaffId).Select(g => g.Count()).ToListAsync();
            Assert.NotEmpty(statements);
            Assert.All(statements, count => Assert.Equal(1, count));

            // Overnight dispatch: tomorrow's proposal once per region.
            var tomorrow = today.AddDays(1);
            var proposals = await db.DispatchProposals.Where(p => p.OvernightDay == tomorrow).GroupBy(p => p.RegionId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(await db.Regions.CountAsync(), proposals.Count);
            Assert.All(proposals, count => Assert.Equal(1, count));

            // Daily report deadline: every technician on duty judged once per day, one incident per verdict.
            var judgements = await db.DailyReportJudgements.GroupBy(j => new { j.TechnicianId, j.Day }).Select(g => g.Count()).ToListAsync();
            Assert.NotEmpty(judgements);
            Assert.All(judgements, count => Assert.Equal(1, count));
            var incidents = await db.Incidents.Where(i => i.Source == "daily-report").CountAsync();
            Assert.Equal(await db.DailyReportJudgements.CountAsync(j => j.IncidentId != null), incidents);

            // Outbox: every message sent, and received by the gateway exactly once.
            Assert.Equal(0, await db.Outbox.CountAsync(m => m.State != OutboxState.Sent && m.Topic == "test"));
            var ids = await db.Outbox.Where(m => m.Topic == "test").Select(m => m.Id).ToListAsync();
            Assert.All(ids, id => Assert.Equal(1, gateway.Received.GetValueOrDefault(id)));
        });
    }

    [Theory, BothDatabases]
    public async Task Every_editable_entity_is_guarded_by_its_version_against_lost_updates(Db db)
    {
        await using var app = await TestApp.StartAsync(db, demo: false);
        var unguarded = await app.DbAsync(d => Task.FromResult(d.Model.GetEntityTypes()
            .Where(t => typeof(AfterSales.Domain.Entity).IsAssignableFrom(t.ClrType) && t.FindProperty(nameof(AfterSales.Domain.Entity.Version)) is not { IsConcurrencyToken: true })
            .Select(t => t.ClrType.Name).Order().ToList()));
        Assert.True(unguarded.Count == 0, "without a concurrency token: " + string.Join(", ", unguarded));
        Assert.True(await app.DbAsync(d => Task.FromResult(d.Model.GetEntityTypes().Count(t => typeof(AfterSales.Domain.Entity).IsAssignableFrom(t.ClrType)))) > 40);
    }

    private static async Task<HttpClient> LogInAsync(AppProcess app, string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync($"{app.Url}/api/auth/login", new { login = user, password = DemoCompany.Password });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    /// <summary>The scheduled jobs' rounds by (job, outcome), from the instance's Prometheus endpoint.</summary>
    private static async Task<Dictionary<(string Job, string Outcome), double>> RoundsAsync(HttpClient http, AppProcess app)
    {
        var text = await http.GetStringAsync($"{app.Url}/metrics");
        var rounds = new Dictionary<(string, string), double>();
        foreach (Match line in JobRounds().Matches(text))
        {
            var labels = line.Groups["labels"].Value;
            var job = Regex.Match(labels, "job=\"([^\"]+)\"").Groups[1].Value;
            var outcome = Regex.Match(labels, "outcome=\"([^\"]+)\"").Groups[1].Value;
            rounds[(job, outcome)] = rounds.GetValueOrDefault((job, outcome)) + double.Parse(line.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return rounds;
    }

    [GeneratedRegex(@"^aftersales_jobs_runs_total\{(?<labels>[^}]*)\} (?<value>[0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex JobRounds();

    /// <summary>The SMS gateway (a true edge): counts the messages it receives by the outbox id they carry.</summary>
    private sealed class FakeGateway : IAsyncDisposable
    {
        private readonly WebApplication _web;

        private FakeGateway(WebApplication web, string url)
        {
            _web = web;
            Url = url;
        }

        public string Url { get; }
        public ConcurrentDictionary<int, int> Received { get; } = new();

        public static async Task<FakeGateway> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var web = builder.Build();
            FakeGateway? gateway = null;
            web.MapPost("/sms", async (HttpContext http) =>
            {
                var payload = await http.Request.ReadFromJsonAsync<JsonElement>();
                gateway!.Received.AddOrUpdate(payload.GetProperty("id").GetInt32(), 1, (_, n) => n + 1);
                return Results.Ok();
            });
            await web.StartAsync();
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            gateway = new FakeGateway(web, address + "/sms");
            return gateway;
        }

        public async ValueTask DisposeAsync() => await _web.DisposeAsync();
    }
}
