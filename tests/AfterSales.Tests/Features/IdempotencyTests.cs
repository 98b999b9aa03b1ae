using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// Weak networks (issue 3): a state-changing request carries an idempotency key, so a phone that retries a submit
/// whose answer it never saw does not create anything twice. Over HTTP on both databases.
/// </summary>
public sealed class IdempotencyTests
{
    [Theory, BothDatabases]
    public async Task The_same_api_post_sent_twice_with_one_key_records_one_contact_and_replays_the_first_answer(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var body = new { outcome = "NoAnswer", notes = "电话无人接听", version = await VersionAsync(app, id) };
        var key = Guid.NewGuid().ToString();

        var first = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key);
        var second = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replay"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replay").Single());
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), second.Content.Headers.ContentType?.ToString());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await ContactCountAsync(app, id));
    }

    [Theory, BothDatabases]
    public async Task A_key_used_again_for_a_different_request_is_refused_with_422(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var version = await VersionAsync(app, id);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", new { outcome = "NoAnswer", version }, key)).StatusCode);

        var reused = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", new { outcome = "NoAnswer", notes = "另一次通话", version }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        var problem = await reused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("IdempotencyKeyReused", problem.GetProperty("code").GetString());
        Assert.Equal("该幂等键已用于另一项不同的请求。", problem.GetProperty("title").GetString());
        Assert.Equal(1, await ContactCountAsync(app, id));
    }

    [Theory, BothDatabases]
    public async Task A_page_form_posted_twice_with_the_same_hidden_key_changes_the_job_once(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var page = $"/WorkOrders/Details/{id}";
        var fields = new Dictionary<string, string>
        {
            ["outcome"] = "Reached", ["progress"] = "水电已完成", ["version"] = (await VersionAsync(app, id)).ToString(),
            ["__idempotency"] = Guid.NewGuid().ToString(),
        };

        // Each post reads the page again and so carries a fresh anti-forgery token, as a phone's retry may.
        var first = await TestApp.PostFormAsync(tech, page, fields, page + "?handler=Contact");
        var second = await TestApp.PostFormAsync(tech, page, fields, page + "?handler=Contact");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replay").Single());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await ContactCountAsync(app, id));
        Assert.Contains("水电已完成", await tech.GetStringAsync(page));
    }

    [Theory, BothDatabases]
    public async Task A_key_belongs_to_its_user_and_never_replays_another_persons_answer(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var manager = await app.LogInAsync("fj.manager");
        var key = Guid.NewGuid().ToString();
        var techs = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", new { outcome = "NoAnswer", version = await VersionAsync(app, id) }, key);
        Assert.Equal(HttpStatusCode.OK, techs.StatusCode);

        var managers = await PostJsonAsync(manager, $"/api/work-orders/{id}/contacts", new { outcome = "NoAnswer", version = await VersionAsync(app, id) }, key);

        Assert.Equal(HttpStatusCode.OK, managers.StatusCode);
        Assert.False(managers.Headers.Contains("Idempotent-Replay"));
        Assert.Equal(2, await ContactCountAsync(app, id));
        Assert.Equal(2, await app.DbAsync(d => d.IdempotentRequests.CountAsync(r => r.Key == key)));
    }

    [Theory, BothDatabases]
    public async Task A_refused_first_attempt_is_not_kept_so_the_corrected_retry_with_the_same_key_runs(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var version = await VersionAsync(app, id);
        var key = Guid.NewGuid().ToString();
        var start = app.Factory.Clock.GetUtcNow().AddDays(1);

        var refused = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", new { outcome = "Reached", agreedStart = start, version }, key);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, await app.DbAsync(d => d.IdempotentRequests.CountAsync(r => r.Key == key)));

        var corrected = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts",
            new { outcome = "Reached", agreedStart = start, agreedEnd = start.AddHours(2), version }, key);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.False(corrected.Headers.Contains("Idempotent-Replay"));
        Assert.Equal(1, await ContactCountAsync(app, id));

        // A page that shows its form again with an error (200) did nothing either: its key is released too.
        var page = $"/WorkOrders/Details/{id}";
        var pageKey = Guid.NewGuid().ToString();
        var stale = await TestApp.PostFormAsync(tech, page, new Dictionary<string, string>
        {
            ["outcome"] = "NoAnswer", ["version"] = version.ToString(), ["__idempotency"] = pageKey,
        }, page + "?handler=Contact");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("其他人已修改了此记录", await stale.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.DbAsync(d => d.IdempotentRequests.CountAsync(r => r.Key == pageKey)));
    }

    [Theory, BothDatabases]
    public async Task Two_requests_racing_with_one_key_run_once(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var body = new { outcome = "NoAnswer", version = await VersionAsync(app, id) };
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key)));

        // One ran; each other one was either told the first is still running or given its answer.
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK && !a.Headers.Contains("Idempotent-Replay"));
        foreach (var other in answers.Where(a => a.Headers.Contains("Idempotent-Replay") || a.StatusCode != HttpStatusCode.OK))
        {
            if (other.StatusCode == HttpStatusCode.OK) continue;
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
            Assert.Equal("RequestInProgress", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Equal(1, await ContactCountAsync(app, id));
    }

    [Theory, BothDatabases]
    public async Task A_request_whose_server_died_after_its_commit_is_never_run_again_and_its_retry_hears_it_was_done(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var body = new { outcome = "NoAnswer", version = await VersionAsync(app, id) };
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key)).StatusCode);
        // The change and the mark "applied" were written together.
        Assert.NotNull(await app.DbAsync(d => d.Set<AfterSales.Infrastructure.IdempotentRequest>().Where(r => r.Key == key).Select(r => r.AppliedAt).SingleAsync()));

        // The server is killed after the commit, before it kept the answer (issue 12's fault run found this).
        await app.DbAsync(d => d.Set<AfterSales.Infrastructure.IdempotentRequest>().Where(r => r.Key == key)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.ResponseBody, (byte[]?)null)));
        // Right away it may still be writing its answer: "in progress", ask again.
        var soon = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key);
        Assert.Equal(HttpStatusCode.Conflict, soon.StatusCode);
        Assert.Equal("RequestInProgress", (await soon.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // Later — even past the time after which a key that changed nothing is taken over — it is done, and not run again.
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(11));
        var later = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key);
        Assert.Equal(HttpStatusCode.NoContent, later.StatusCode);
        Assert.Equal("true", later.Headers.GetValues("Idempotent-Replay").Single());
        Assert.Equal(1, await ContactCountAsync(app, id));

        // A page form in the same plight is sent back to its page, which shows the change.
        var page = $"/WorkOrders/Details/{id}";
        var formKey = Guid.NewGuid().ToString();
        var fields = new Dictionary<string, string>
        {
            ["outcome"] = "Reached", ["progress"] = "水电已完成", ["version"] = (await VersionAsync(app, id)).ToString(), ["__idempotency"] = formKey,
        };
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(tech, page, fields, page + "?handler=Contact")).StatusCode);
        await app.DbAsync(d => d.Set<AfterSales.Infrastructure.IdempotentRequest>().Where(r => r.Key == formKey)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.Location, (string?)null)));
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await TestApp.PostFormAsync(tech, page, fields, page + "?handler=Contact");
        Assert.Equal(HttpStatusCode.SeeOther, retried.StatusCode);
        Assert.Equal(page, retried.Headers.Location?.OriginalString);
        Assert.Equal(2, await ContactCountAsync(app, id));
    }

    [Theory, BothDatabases]
    public async Task A_request_refused_by_a_concurrent_save_leaves_its_key_unapplied_and_released(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var key = Guid.NewGuid().ToString();
        var stale = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", new { outcome = "NoAnswer", version = await VersionAsync(app, id) - 1 }, key);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.False(await app.DbAsync(d => d.Set<AfterSales.Infrastructure.IdempotentRequest>().AnyAsync(r => r.Key == key)));
        Assert.Equal(0, await ContactCountAsync(app, id));
    }

    [Theory, BothDatabases]
    public async Task A_key_is_forgotten_after_24_hours(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateJobAsync(app);
        var tech = await app.LogInAsync("tech01");
        var body = new { outcome = "NoAnswer", version = await VersionAsync(app, id) };
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key)).StatusCode);

        app.Factory.Clock.Advance(TimeSpan.FromHours(25));
        tech = await app.LogInAsync("tech01"); // the log-in of yesterday has expired too
        var late = await PostJsonAsync(tech, $"/api/work-orders/{id}/contacts", body, key);

        // Run again, not replayed: the job has moved on, so the old version is refused.
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("ConcurrentEdit", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(1, await ContactCountAsync(app, id));
    }

    [Fact]
    public async Task The_api_description_offers_the_key_header_on_state_changing_operations()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: false);
        var document = await app.Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        static bool HasKey(JsonElement operation) => operation.TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        Assert.True(HasKey(paths.GetProperty("/api/work-orders/{id}/contacts").GetProperty("post")));
        Assert.False(HasKey(paths.GetProperty("/api/work-orders/{id}").GetProperty("get")));
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    /// <summary>A new installation job for customer C0001 (tech01's), taken by the FJ store.</summary>
    private static async Task<int> CreateJobAsync(TestApp app)
    {
        var store = await app.LogInAsync("fj.store");
        var created = await store.PostAsJsonAsync("/api/work-orders",
            new { kind = "Installation", customerId = 1, siteId = 1, description = "安装智能马桶 Z1", items = new[] { new { productId = 1, quantity = 1 } } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("id").GetInt32();
    }

    private static Task<int> VersionAsync(TestApp app, int id) =>
        app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.Version).SingleAsync());

    private static Task<int> ContactCountAsync(TestApp app, int id) =>
        app.DbAsync(d => d.WorkOrderContacts.CountAsync(c => c.WorkOrderId == id));
}
