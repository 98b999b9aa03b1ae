using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.Callbacks;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>RPT-4: the supervisors' callback queue and what the customer said, kept against the job.</summary>
public sealed class CallbacksTests
{
    private static readonly Dictionary<string, string> EveryJob = new() { ["Policy:Callbacks:SamplePercent"] = "100" };
    private static readonly Dictionary<string, string> NoJob = new() { ["Policy:Callbacks:SamplePercent"] = "0" };

    [Theory, BothDatabases]
    public async Task A_completed_job_is_drawn_for_a_callback_by_the_policys_share(Db db)
    {
        await using (var app = await TestApp.StartAsync(db, NoJob))
        {
            var id = await Jobs.InstallationAsync(app);
            await Jobs.CompletedAsync(app, id);
            Assert.Equal(0, await app.DbAsync(d => d.Callbacks.CountAsync()));
        }
        await using (var app = await TestApp.StartAsync(db, EveryJob))
        {
            var id = await Jobs.InstallationAsync(app);
            await Jobs.CompletedAsync(app, id);
            var callback = await app.DbAsync(d => d.Callbacks.SingleAsync());
            Assert.Equal((id, CallbackReason.Sample, await app.StaffIdAsync("tech01")), (callback.WorkOrderId, callback.Reason, callback.TechnicianId));
        }
    }

    [Theory, BothDatabases]
    public async Task A_supervisor_records_an_unanswered_call_then_the_customers_answers_on_the_page(Db db)
    {
        await using var app = await TestApp.StartAsync(db, EveryJob);
        var job = await Jobs.InstallationAsync(app);
        await Jobs.CompletedAsync(app, job);
        var id = await app.DbAsync(d => d.Callbacks.Select(c => c.Id).SingleAsync());
        var supervisor = await app.LogInAsync("fj.manager");
        Assert.Contains($"/Callbacks/Call/{id}", await supervisor.GetStringAsync("/Callbacks"));

        var page = $"/Callbacks/Call/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(supervisor, page, new Dictionary<string, string>
        {
            ["Input.Outcome"] = "NoAnswer", ["Input.Version"] = "0",
        })).StatusCode);
        var tried = await app.DbAsync(d => d.Callbacks.SingleAsync());
        Assert.Equal((1, CallbackOutcome.NoAnswer, false), (tried.Attempts, tried.Outcome, tried.IsDone));

        // A reached customer answers all three questions; a missing one is said beside its field and nothing changes.
        var incomplete = await TestApp.PostFormAsync(supervisor, page, new Dictionary<string, string>
        {
            ["Input.Outcome"] = "Reached", ["Input.WorkConfirmed"] = "true", ["Input.ReportTrue"] = "true", ["Input.Version"] = tried.Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("必填", await incomplete.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.DbAsync(d => d.Callbacks.Select(c => c.Attempts).SingleAsync()));

        var notDone = await TestApp.PostFormAsync(supervisor, page, new Dictionary<string, string>
        {
            ["Input.Outcome"] = "Reached", ["Input.WorkConfirmed"] = "false", ["Input.AttitudeScore"] = "2", ["Input.ReportTrue"] = "false",
            ["Input.Version"] = tried.Version.ToString(),
        });
        Assert.Contains("请写明客户反映的未完成内容。", await notDone.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(supervisor, page, new Dictionary<string, string>
        {
            ["Input.Outcome"] = "Reached", ["Input.WorkConfirmed"] = "false", ["Input.AttitudeScore"] = "2", ["Input.ReportTrue"] = "false",
            ["Input.Notes"] = "客户说龙头没有装，日报却写已完成", ["Input.Version"] = tried.Version.ToString(),
        })).StatusCode);
        var done = await app.DbAsync(d => d.Callbacks.SingleAsync());
        Assert.True(done.IsDone);
        Assert.Equal((false, 2, false), (done.WorkConfirmed, done.AttitudeScore, done.ReportTrue));
        Assert.Equal(await app.StaffIdAsync("fj.manager"), done.CalledById);

        var again = await supervisor.PostAsJsonAsync($"/api/callbacks/{id}/calls", new { outcome = "Reached", workConfirmed = true, attitudeScore = 5, reportTrue = true, version = done.Version });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("该回访已完成。", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory, BothDatabases]
    public async Task A_low_satisfaction_score_puts_the_job_in_the_queue_whatever_the_draw(Db db)
    {
        await using var app = await TestApp.StartAsync(db, NoJob);
        var job = await Jobs.InstallationAsync(app);
        await Jobs.CompletedAsync(app, job);
        var tech = await app.LogInAsync("tech01");
        var draft = await tech.PostAsJsonAsync("/api/records", new { workOrderId = job, workDone = "安装智能马桶并调试" });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var record = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        const string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        var signed = await tech.PostAsJsonAsync($"/api/records/{record}/sign", new { signature = png, signerName = "王建华", signerRole = "Owner", score = 2, comments = "迟到一小时" });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);

        var callback = await app.DbAsync(d => d.Callbacks.SingleAsync());
        Assert.Equal((job, CallbackReason.LowScore), (callback.WorkOrderId, callback.Reason));
        var listed = await (await app.LogInAsync("fj.manager")).GetFromJsonAsync<JsonElement>("/api/callbacks?done=false");
        Assert.Equal("LowScore", listed.GetProperty("items")[0].GetProperty("reason").GetString());
    }

    [Theory, BothDatabases]
    public async Task Only_supervising_roles_of_the_region_see_and_make_callbacks(Db db)
    {
        await using var app = await TestApp.StartAsync(db, NoJob);
        var job = await Jobs.InstallationAsync(app);
        var manager = await app.LogInAsync("fj.manager");
        var early = await manager.PostAsJsonAsync("/api/callbacks", new { workOrderId = job });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await Jobs.CompletedAsync(app, job);
        var queued = await manager.PostAsJsonAsync("/api/callbacks", new { workOrderId = job });
        Assert.Equal(HttpStatusCode.Created, queued.StatusCode);
        var created = await queued.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal("Manual", created.GetProperty("reason").GetString());

        foreach (var user in new[] { "supervisor", "supervision", "gm", "fj.deputy" })
            Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync(user)).GetAsync($"/api/callbacks/{id}")).StatusCode);
        foreach (var user in new[] { "tech01", "fj.store", "finance", "support" })
        {
            var client = await app.LogInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/callbacks/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/callbacks")).StatusCode);
        }
        var gd = await app.LogInAsync("gd.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/api/callbacks/{id}")).StatusCode);
        Assert.Equal(0, (await gd.GetFromJsonAsync<JsonElement>("/api/callbacks?done=false")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PostAsJsonAsync($"/api/callbacks/{id}/calls", new { outcome = "NoAnswer" })).StatusCode);
    }
}
