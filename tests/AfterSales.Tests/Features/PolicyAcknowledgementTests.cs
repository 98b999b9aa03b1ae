using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// HR-5, POL-1 over HTTP on both engines: every person acknowledges the policy version in force (conduct rules
/// included) once, the managers see who in their region has not, and a newly approved version asks everyone again.
/// </summary>
public sealed class PolicyAcknowledgementTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static IEnumerable<string> Pending(JsonElement pending) =>
        pending.GetProperty("pending").EnumerateArray().Select(p => p.GetProperty("staffNumber").GetString()!);

    private static async Task<string> NumberAsync(TestApp app, string user)
    {
        var id = await app.StaffIdAsync(user);
        return await app.DbAsync(db => db.Staff.Where(s => s.Id == id).Select(s => s.StaffNumber).SingleAsync());
    }

    [Theory, BothDatabases]
    public async Task HR5_POL1_each_person_acknowledges_the_version_in_force_once_and_the_regions_pending_list_shrinks(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await NumberAsync(app, "tech01");
        var tech06 = await NumberAsync(app, "tech06");
        var manager = await app.LogInAsync("fj.manager");
        var before = await Json(await manager.GetAsync("/api/policy-acknowledgements/pending"));
        Assert.Contains(tech01, Pending(before));
        Assert.DoesNotContain(tech06, Pending(before));
        Assert.Contains(tech06, Pending(await Json(await (await app.LogInAsync("gm")).GetAsync("/api/policy-acknowledgements/pending"))));

        var tech = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync("/api/policy-acknowledgements/pending")).StatusCode);
        Assert.Contains("class=\"button\" href=\"/Conduct\"", await (await tech.GetAsync("/")).Content.ReadAsStringAsync());
        var page = await (await tech.GetAsync("/Conduct")).Content.ReadAsStringAsync();
        Assert.Contains("不在客户家中吸烟", page);
        Assert.Contains("我已阅读并遵守", page);

        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostFormAsync(tech, "/Conduct", new Dictionary<string, string>())).StatusCode);
        var first = await Json(await tech.GetAsync("/api/policy-acknowledgements"));
        Assert.True(first.GetProperty("acknowledged").GetBoolean());
        var again = await Json(await tech.PostAsync("/api/policy-acknowledgements", null));
        Assert.Equal(first.GetProperty("acknowledgedAt").GetDateTimeOffset(), again.GetProperty("acknowledgedAt").GetDateTimeOffset());
        var techId = await app.StaffIdAsync("tech01");
        Assert.Equal(1, await app.DbAsync(db => db.PolicyAcknowledgements.CountAsync(a => a.StaffId == techId)));
        Assert.DoesNotContain("class=\"button\" href=\"/Conduct\"", await (await tech.GetAsync("/")).Content.ReadAsStringAsync());

        var after = await Json(await manager.GetAsync("/api/policy-acknowledgements/pending"));
        Assert.DoesNotContain(tech01, Pending(after));
        Assert.Equal(before.GetProperty("acknowledged").GetInt32() + 1, after.GetProperty("acknowledged").GetInt32());
        Assert.Equal(before.GetProperty("pending").GetArrayLength() - 1, after.GetProperty("pending").GetArrayLength());
        Assert.DoesNotContain(tech01, await (await manager.GetAsync("/Conduct/Pending")).Content.ReadAsStringAsync());
    }

    [Theory, BothDatabases]
    public async Task POL1_a_newly_approved_version_makes_everyone_acknowledge_again(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await NumberAsync(app, "tech01");
        var tech = await app.LogInAsync("tech01");
        var old = await Json(await tech.PostAsync("/api/policy-acknowledgements", null));
        Assert.True(old.GetProperty("acknowledged").GetBoolean());

        var supervision = await app.LogInAsync("supervision");
        var draft = await Json(await supervision.PostAsJsonAsync("/api/assessment/policies", new { }), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt32();
        var submitted = await Json(await supervision.PostAsJsonAsync($"/api/assessment/policies/{id}/submit", new { version = draft.GetProperty("version").GetInt32() }));
        var today = DateOnly.FromDateTime(app.Factory.Clock.GetUtcNow().AddHours(8).DateTime);
        await Json(await (await app.LogInAsync("gm")).PostAsJsonAsync($"/api/assessment/policies/{id}/approve",
            new { effectiveFrom = today, version = submitted.GetProperty("version").GetInt32() }));

        var now = await Json(await tech.GetAsync("/api/policy-acknowledgements"));
        Assert.NotEqual(old.GetProperty("policyVersion").GetString(), now.GetProperty("policyVersion").GetString());
        Assert.Equal(id, now.GetProperty("policyVersionId").GetInt32());
        Assert.False(now.GetProperty("acknowledged").GetBoolean());
        Assert.Contains(tech01, Pending(await Json(await (await app.LogInAsync("fj.manager")).GetAsync("/api/policy-acknowledgements/pending"))));
        Assert.True((await Json(await tech.PostAsync("/api/policy-acknowledgements", null))).GetProperty("acknowledged").GetBoolean());
    }
}
