using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// Sales leads (HR-4) over HTTP on both engines: a technician records a customer's wish to buy, it reaches the
/// regional manager of the customer's region only, the manager moves it on, and a won lead's reward lands on the
/// technician's monthly statement naming HR-4 and the policy version (POL-1).
/// </summary>
public sealed class LeadsTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<(int Customer, int Other)> CustomersAsync(TestApp app)
    {
        var tech01 = await app.StaffIdAsync("tech01");
        var tech06 = await app.StaffIdAsync("tech06");
        return (await app.DbAsync(db => db.Customers.Where(c => c.TechnicianId == tech01).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()),
            await app.DbAsync(db => db.Customers.Where(c => c.TechnicianId == tech06).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()));
    }

    private static async Task<int> RecordAsync(HttpClient tech, int customer) =>
        (await Json(await tech.PostAsJsonAsync("/api/leads", new { customerId = customer, wants = "想再买一台制砖机（大型）", estimatedValue = 120000m }),
            HttpStatusCode.Created)).GetProperty("id").GetInt32();

    [Theory, BothDatabases]
    public async Task HR4_a_lead_recorded_by_a_technician_reaches_its_regions_manager_and_nobody_outside(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (customer, gdCustomer) = await CustomersAsync(app);
        var tech = await app.LogInAsync("tech01");
        var id = await RecordAsync(tech, customer);

        // A customer the technician may not read: refused beside the field, nothing recorded.
        var refused = await Json(await tech.PostAsJsonAsync("/api/leads", new { customerId = gdCustomer, wants = "买机器" }), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("CustomerId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await tech.PostAsJsonAsync("/api/leads", new { customerId = customer, wants = " " })).StatusCode);

        // The region's manager is told by text message too (through the outbox), nobody else.
        var managerId = await app.StaffIdAsync("fj.manager");
        var texts = await app.DbAsync(db => db.Outbox.Where(m => m.RelatedType == "SalesLead" && m.RelatedId == id).Select(m => new { m.Phone, m.Body }).ToListAsync());
        var text = Assert.Single(texts);
        Assert.Equal(await app.DbAsync(db => db.Staff.Where(s => s.Id == managerId).Select(s => s.Phone).SingleAsync()), text.Phone);
        Assert.Contains("想再买一台制砖机", text.Body);

        var mine = await Json(await tech.GetAsync("/api/leads"));
        Assert.Equal([id], mine.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt32()));
        var manager = await app.LogInAsync("fj.manager");
        var fresh = await Json(await manager.GetAsync("/api/leads?state=New"));
        var lead = Assert.Single(fresh.GetProperty("items").EnumerateArray());
        Assert.Equal("New", lead.GetProperty("state").GetString());
        Assert.Equal("XS" + id.ToString("000000"), lead.GetProperty("number").GetString());
        Assert.Equal(0, (await Json(await manager.GetAsync("/api/leads?state=Won"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/Leads/Details/{id}")).StatusCode);
        Assert.Contains("想再买一台制砖机", await (await manager.GetAsync("/Leads")).Content.ReadAsStringAsync());

        var gd = await app.LogInAsync("gd.manager");
        Assert.Equal(0, (await Json(await gd.GetAsync("/api/leads"))).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/api/leads/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/Leads/Details/{id}")).StatusCode);
        var tech02 = await app.LogInAsync("tech02");
        Assert.Equal(HttpStatusCode.NotFound, (await tech02.GetAsync($"/api/leads/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech02.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "forward", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync("gm")).GetAsync($"/api/leads/{id}")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task HR4_the_manager_moves_a_lead_on_with_version_checks_and_a_won_leads_reward_lands_on_the_statement(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (customer, _) = await CustomersAsync(app);
        var tech = await app.LogInAsync("tech01");
        var id = await RecordAsync(tech, customer);
        var manager = await app.LogInAsync("fj.manager");

        // The technician sees the lead but does not move it on.
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "forward", version = 0 })).StatusCode);
        var forwarded = await Json(await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "forward", version = 0 }));
        Assert.Equal("Forwarded", forwarded.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "contacted", version = 0 })).StatusCode);
        var version = forwarded.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "forward", version })).StatusCode);
        var contacted = await Json(await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "contacted", version }));
        version = contacted.GetProperty("version").GetInt32();

        // A reward only for a won lead; won needs the order's value.
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "reward", version, reward = 200m })).StatusCode);
        var noValue = await Json(await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "won", version }), HttpStatusCode.BadRequest);
        Assert.True(noValue.GetProperty("errors").TryGetProperty("OrderValue", out _));
        var won = await Json(await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "won", version, orderValue = 98000m, note = "已签合同" }));
        Assert.Equal("Won", won.GetProperty("state").GetString());
        version = won.GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "lost", version, note = "x" })).StatusCode);

        // Within the policy's range (default 50–500), once.
        var outside = await Json(await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "reward", version, reward = 5000m }), HttpStatusCode.BadRequest);
        Assert.True(outside.GetProperty("errors").TryGetProperty("Reward", out _));
        var rewarded = await Json(await manager.PostAsJsonAsync($"/api/leads/{id}/progress", new { action = "reward", version, reward = 200m }));
        Assert.Equal(200m, rewarded.GetProperty("reward").GetDecimal());
        var policyVersion = rewarded.GetProperty("rewardPolicyVersion").GetString();
        Assert.False(string.IsNullOrEmpty(policyVersion));
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/leads/{id}/progress",
            new { action = "reward", version = rewarded.GetProperty("version").GetInt32(), reward = 100m })).StatusCode);

        // RNK-4: the reward is a line of tech01's month, naming its rule and the policy version.
        var month = app.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");
        var tech01 = await app.StaffIdAsync("tech01");
        var statement = await Json(await tech.GetAsync($"/api/assessment/months/{month}/statements/{tech01}"));
        var line = Assert.Single(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("rule").GetString() == "HR-4");
        Assert.Equal(200m, line.GetProperty("amount").GetDecimal());
        Assert.Equal("reward", line.GetProperty("pot").GetString());
        Assert.Equal(policyVersion, line.GetProperty("policyVersion").GetString());
        Assert.Contains("XS" + id.ToString("000000"), line.GetProperty("reason").GetString());
        Assert.True(statement.GetProperty("rewards").GetDecimal() >= 200m);
    }

    [Theory, BothDatabases]
    public async Task HR4_a_technician_records_a_lead_on_the_phone_form_and_a_lost_lead_needs_a_note(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var (customer, _) = await CustomersAsync(app);
        var tech = await app.LogInAsync("tech01");
        var posted = await TestApp.PostFormAsync(tech, $"/Leads/New?customerId={customer}", new Dictionary<string, string>
        {
            ["Input.CustomerId"] = customer.ToString(), ["Input.Wants"] = "客户想加购一台搅拌机", ["Input.EstimatedValue"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var id = await app.DbAsync(db => db.SalesLeads.Select(l => l.Id).SingleAsync());
        Assert.EndsWith($"/Leads/Details/{id}", posted.Headers.Location!.ToString());

        var manager = await app.LogInAsync("fj.manager");
        var noNote = await TestApp.PostFormAsync(manager, $"/Leads/Details/{id}", new Dictionary<string, string>
        {
            ["Input.Action"] = "lost", ["Input.Version"] = "0", ["Input.OutcomeNote"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, noNote.StatusCode);
        Assert.Equal("New", await app.DbAsync(db => db.SalesLeads.Select(l => l.State.ToString()).SingleAsync()));
        var lost = await TestApp.PostFormAsync(manager, $"/Leads/Details/{id}", new Dictionary<string, string>
        {
            ["Input.Action"] = "lost", ["Input.Version"] = "0", ["Input.OutcomeNote"] = "客户预算不足",
        });
        Assert.Equal(HttpStatusCode.Redirect, lost.StatusCode);
        Assert.Equal("Lost", await app.DbAsync(db => db.SalesLeads.Select(l => l.State.ToString()).SingleAsync()));
    }
}
