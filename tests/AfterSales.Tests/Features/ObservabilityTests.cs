using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Features.Reports;
using AfterSales.Infrastructure;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Features;

/// <summary>Issue 12: the app's own metrics (jobs, text messages, incidents) and who may scrape them.</summary>
public sealed class ObservabilityTests
{
    private const string Secret = "test-inbound-secret";

    /// <summary>Counts what one app reports on its own meter (other tests' apps in this process have meters of their own).</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = [];

        public Recorded(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AppMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope)) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var named = new Dictionary<string, string?>();
                foreach (var tag in tags) named[tag.Key] = tag.Value?.ToString();
                lock (_measurements) _measurements.Add((instrument.Name, value, named));
            });
            _listener.Start();
        }

        public long Sum(string instrument, string tag, string value)
        {
            lock (_measurements)
                return _measurements.Where(m => m.Instrument == instrument && m.Tags.GetValueOrDefault(tag) == value).Sum(m => m.Value);
        }

        public void Dispose() => _listener.Dispose();
    }

    [Theory, BothDatabases]
    public async Task An_incident_raised_and_text_messages_received_are_counted_by_kind_and_by_how_they_read(Db db)
    {
        await using var app = await TestApp.StartAsync(db, new Dictionary<string, string> { ["Sms:InboundSecret"] = Secret });
        using var recorded = new Recorded(app.Factory.Services.GetRequiredService<IMeterFactory>());

        var manager = await app.LogInAsync("fj.manager");
        var at = app.Factory.Clock.GetUtcNow().AddHours(-2).ToString("O", CultureInfo.InvariantCulture);
        var incident = await manager.PostAsJsonAsync("/api/assessment/incidents",
            new { personId = await app.StaffIdAsync("tech01"), kind = "gps_anomaly", at, description = "测试事件" });
        Assert.Equal(HttpStatusCode.Created, incident.StatusCode);
        // Refused by the rules (an amount outside the range): not counted.
        var refused = await manager.PostAsJsonAsync("/api/assessment/incidents",
            new { personId = await app.StaffIdAsync("tech01"), kind = "leaving_post", at, description = "测试事件", amount = -5 });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await InboundAsync(app, new { id = "gw-1", from = "13910000001", text = "A住宅卷压设备,13800000001,更换油管" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await InboundAsync(app, new { id = "gw-2", from = "13700000000", text = "不认识的号码" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await InboundAsync(app, new { id = "gw-1", from = "13910000001", text = "A住宅卷压设备,13800000001,更换油管" })).StatusCode);

        Assert.Equal(1, recorded.Sum("aftersales.incidents.raised", "kind", "gps_anomaly"));
        Assert.Equal(0, recorded.Sum("aftersales.incidents.raised", "kind", "leaving_post"));
        Assert.Equal(1, recorded.Sum("aftersales.sms.received", "outcome", "well_formed"));
        Assert.Equal(1, recorded.Sum("aftersales.sms.received", "outcome", "unknown_sender"));
        Assert.Equal(1, recorded.Sum("aftersales.sms.received", "outcome", "duplicate"));
    }

    [Fact]
    public async Task Metrics_are_not_served_to_a_caller_that_is_not_the_machine_itself()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        // The in-process test server has no remote address: like a stranger, it meets no such page.
        var response = await app.Anonymous().GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("aftersales_", await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> InboundAsync(TestApp app, object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        var timestamp = app.Factory.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ReportsApi.TimestampHeader, timestamp);
        request.Headers.Add(ReportsApi.SignatureHeader, ReportsApi.Sign(Secret, timestamp, body));
        return await app.Anonymous().SendAsync(request);
    }
}
