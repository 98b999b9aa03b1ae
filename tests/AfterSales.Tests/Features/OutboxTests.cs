using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.Messaging;
using AfterSales.Features.Outbox;
using AfterSales.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AfterSales.Tests.Features;

/// <summary>
/// Issue 3: every outgoing message goes through one outbox; a pluggable sender delivers it (Record by default,
/// Http to an SMS gateway); failures back off and end as Failed; administrators read and resend them.
/// </summary>
public sealed class OutboxTests
{
    // PostgreSQL keeps microseconds, the clock ticks in 100 ns.
    private static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(1);

    private static async Task<int> AddAsync(TestApp app, string phone = "13800000001", string topic = "GoodsOnTheWay", TimeSpan? createdIn = null,
        string body = "您的货物已发出，预计明天上午送达。")
    {
        var at = app.Factory.Clock.GetUtcNow() + (createdIn ?? TimeSpan.Zero);
        return await app.DbAsync(async db =>
        {
            var message = new OutboxMessage(RecipientKind.Customer, "陈先生", phone, topic, body, at, "WorkOrder", 1);
            db.Outbox.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });
    }

    private static Task<OutboxMessage> MessageAsync(TestApp app, int id) =>
        app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    private static async Task<int> SendDueAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendDueAsync(CancellationToken.None);
    }

    [Theory, BothDatabases]
    public async Task The_dispatcher_sends_due_messages_and_leaves_future_ones_for_later(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var first = await AddAsync(app);
        var second = await AddAsync(app, phone: "13800000002", createdIn: TimeSpan.FromSeconds(1));
        var future = await AddAsync(app, phone: "13800000003", createdIn: TimeSpan.FromHours(1));
        app.Factory.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(2, await SendDueAsync(app.Factory.Services));

        foreach (var id in new[] { first, second })
        {
            var sent = await MessageAsync(app, id);
            Assert.Equal(OutboxState.Sent, sent.State);
            Assert.Equal(1, sent.Attempts);
            Assert.Equal(app.Factory.Clock.GetUtcNow(), sent.SentAt!.Value, Precision);
        }
        Assert.Equal(OutboxState.Pending, (await MessageAsync(app, future)).State);
        Assert.Equal(0, await SendDueAsync(app.Factory.Services));

        app.Factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await SendDueAsync(app.Factory.Services));
        Assert.Equal(OutboxState.Sent, (await MessageAsync(app, future)).State);
    }

    [Theory, BothDatabases]
    public async Task Two_dispatchers_at_once_send_each_message_exactly_once(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await using var gateway = await Gateway.StartAsync();
        await using var http = WithHttpSender(app, gateway);
        for (var i = 0; i < 6; i++) await AddAsync(app, phone: $"1380000001{i}");

        var counts = await Task.WhenAll(SendDueAsync(http.Services), SendDueAsync(http.Services));

        Assert.Equal(6, counts.Sum());
        Assert.Equal(6, gateway.Received.Count);
        Assert.Equal(6, gateway.Received.Select(r => r.Json.GetProperty("id").GetInt32()).Distinct().Count());
    }

    [Theory, BothDatabases]
    public async Task The_http_sender_posts_phone_body_topic_and_id_with_the_bearer_token(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await using var gateway = await Gateway.StartAsync();
        await using var http = WithHttpSender(app, gateway, token: "test-token");
        var id = await AddAsync(app, body: "货物已发出");

        Assert.Equal(1, await SendDueAsync(http.Services));

        var request = Assert.Single(gateway.Received);
        Assert.Equal("Bearer test-token", request.Authorization);
        Assert.Equal("13800000001", request.Json.GetProperty("phone").GetString());
        Assert.Equal("货物已发出", request.Json.GetProperty("body").GetString());
        Assert.Equal("GoodsOnTheWay", request.Json.GetProperty("topic").GetString());
        Assert.Equal(id, request.Json.GetProperty("id").GetInt32());
        Assert.Equal(OutboxState.Sent, (await MessageAsync(app, id)).State);
    }

    [Theory, BothDatabases]
    public async Task A_gateway_error_backs_off_fails_after_the_configured_attempts_and_an_administrator_sends_it_again(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await using var gateway = await Gateway.StartAsync();
        await using var http = WithHttpSender(app, gateway, maxAttempts: 3);
        var id = await AddAsync(app);
        gateway.Status = HttpStatusCode.InternalServerError;

        Assert.Equal(0, await SendDueAsync(http.Services));
        var once = await MessageAsync(app, id);
        Assert.Equal(OutboxState.Pending, once.State);
        Assert.Equal(1, once.Attempts);
        Assert.Contains("500", once.LastError);
        Assert.Equal(app.Factory.Clock.GetUtcNow().AddMinutes(2), once.NextAttemptAt, Precision);

        // Not due again before the back-off ends.
        Assert.Equal(0, await SendDueAsync(http.Services));
        Assert.Single(gateway.Received);

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await SendDueAsync(http.Services);
        var twice = await MessageAsync(app, id);
        Assert.Equal(2, twice.Attempts);
        Assert.Equal(app.Factory.Clock.GetUtcNow().AddMinutes(4), twice.NextAttemptAt, Precision);

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(4));
        await SendDueAsync(http.Services);
        var failed = await MessageAsync(app, id);
        Assert.Equal(OutboxState.Failed, failed.State);
        Assert.Equal(3, failed.Attempts);
        app.Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await SendDueAsync(http.Services));
        Assert.Equal(3, gateway.Received.Count);

        // Only a failed message can be retried; then it goes out on the next run.
        var admin = await LogInAsync(http, "admin");
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/outbox?state=Failed");
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetInt32());
        var retried = await admin.PostAsync($"/api/outbox/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Pending", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var again = await admin.PostAsync($"/api/outbox/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("只有发送失败的消息才能重新发送", await again.Content.ReadAsStringAsync());

        gateway.Status = HttpStatusCode.OK;
        var sent = await admin.PostAsync("/api/outbox/send-due", null);
        Assert.Equal(1, (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());
        Assert.Equal(OutboxState.Sent, (await MessageAsync(app, id)).State);
    }

    [Theory, BothDatabases]
    public async Task The_admin_page_filters_and_resends_a_failed_message(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var failedId = await AddAsync(app, phone: "13800000009", topic: "StoreNotice", body: "产品不适合现场");
        await AddAsync(app, phone: "13800000008", body: "货物已发出");
        await app.DbAsync(async d =>
        {
            var m = await d.Outbox.SingleAsync(x => x.Id == failedId);
            m.MarkFailed(app.Factory.Clock.GetUtcNow(), "Gateway answered 500", maxAttempts: 1);
            await d.SaveChangesAsync();
        });
        var admin = await app.LogInAsync("admin");

        var failed = await admin.GetStringAsync("/Admin/Outbox?state=Failed");
        Assert.Contains("产品不适合现场", failed);
        Assert.Contains("Gateway answered 500", failed);
        Assert.DoesNotContain("货物已发出", failed);
        var search = await admin.GetStringAsync("/Admin/Outbox?q=13800000008");
        Assert.Contains("货物已发出", search);
        Assert.DoesNotContain("产品不适合现场", search);
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");
        Assert.Contains("货物已发出", await admin.GetStringAsync($"/Admin/Outbox?from={today}&to={today}"));
        Assert.DoesNotContain("货物已发出", await admin.GetStringAsync("/Admin/Outbox?to=2020-01-01"));

        // Paging: 22 messages make two pages of 20.
        await app.DbAsync(async d =>
        {
            for (var i = 0; i < 20; i++)
                d.Outbox.Add(new OutboxMessage(RecipientKind.Store, "郑晓", "13900000013", "StoreNotice", $"通知 {i}", app.Factory.Clock.GetUtcNow()));
            await d.SaveChangesAsync();
        });
        Assert.Contains("共 22 条 · 第 2/2 页", await admin.GetStringAsync("/Admin/Outbox?page=2"));

        var retry = await TestApp.PostFormAsync(admin, "/Admin/Outbox?state=Failed", new Dictionary<string, string> { ["state"] = "Failed" },
            $"/Admin/Outbox?handler=Retry&id={failedId}");
        Assert.True(retry.StatusCode == HttpStatusCode.Redirect, await retry.Content.ReadAsStringAsync());
        Assert.Equal("/Admin/Outbox?state=Failed", retry.Headers.Location!.ToString());
        Assert.Contains("name=\"state\" value=\"Failed\"", await admin.GetStringAsync("/Admin/Outbox?state=Failed"));
        Assert.Equal(OutboxState.Pending, (await MessageAsync(app, failedId)).State);

        var sendDue = await TestApp.PostFormAsync(admin, "/Admin/Outbox", new Dictionary<string, string>(), "/Admin/Outbox?handler=SendDue");
        Assert.Equal(HttpStatusCode.Redirect, sendDue.StatusCode);
        Assert.Contains("已发送 22 条消息", await admin.GetStringAsync(sendDue.Headers.Location!.ToString()));
        Assert.Equal(OutboxState.Sent, (await MessageAsync(app, failedId)).State);
    }

    [Theory, BothDatabases]
    public async Task Only_administrators_see_the_outbox_page_and_api(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        foreach (var user in new[] { "gm", "fj.manager", "tech01" })
        {
            var client = await app.LogInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/outbox")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/outbox/send-due", null)).StatusCode);
            // A page answers a browser with the "access denied" page rather than a bare 403.
            var page = await client.GetAsync("/Admin/Outbox");
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/Identity/Denied", page.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain("href=\"/Admin/Outbox\"", await client.GetStringAsync("/"));
        }
        var admin = await app.LogInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Outbox")).StatusCode);
        Assert.Contains("/api/outbox/{id}/retry", await admin.GetStringAsync("/openapi/v1.json"));
    }

    [Theory, BothDatabases]
    public async Task The_command_line_sends_due_messages_once_and_says_how_many(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        // The command line runs on the real clock: these are due now.
        await AddAsync(app, createdIn: TimeSpan.FromMinutes(-1));
        await AddAsync(app, phone: "13800000002", createdIn: TimeSpan.FromMinutes(-1));

        var result = await Cli.RunAsync(app.Database, "outbox", "send");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 message(s) sent", result.Output);
        Assert.Equal(2, await app.DbAsync(d => d.Outbox.CountAsync(m => m.State == OutboxState.Sent)));
        Assert.Contains("0 message(s) sent", (await Cli.RunAsync(app.Database, "outbox", "send")).Output);
    }

    private static WebApplicationFactory<Program> WithHttpSender(TestApp app, Gateway gateway, string? token = null, int maxAttempts = 5) =>
        app.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Outbox:Sender", "Http");
            b.UseSetting("Outbox:Http:Url", gateway.Url);
            b.UseSetting("Outbox:MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (token is not null) b.UseSetting("Outbox:Http:Token", token);
        });

    private static async Task<HttpClient> LogInAsync(WebApplicationFactory<Program> factory, string user)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { login = user, password = AfterSales.Features.Demo.DemoCompany.Password });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    /// <summary>A stand-in SMS gateway: a real HTTP server on the loopback that records what it receives.</summary>
    private sealed class Gateway : IAsyncDisposable
    {
        private WebApplication _web = null!;

        public sealed record Request(string? Authorization, JsonElement Json);

        public ConcurrentQueue<Request> Received { get; } = new();
        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
        public string Url { get; private set; } = "";

        public static async Task<Gateway> StartAsync()
        {
            var gateway = new Gateway();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            gateway._web = builder.Build();
            gateway._web.MapPost("/sms", async (HttpRequest request) =>
            {
                var json = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
                gateway.Received.Enqueue(new Request(request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, json));
                return Results.StatusCode((int)gateway.Status);
            });
            await gateway._web.StartAsync();
            gateway.Url = gateway._web.Urls.Single() + "/sms";
            return gateway;
        }

        public async ValueTask DisposeAsync()
        {
            await _web.StopAsync();
            await _web.DisposeAsync();
        }
    }
}
