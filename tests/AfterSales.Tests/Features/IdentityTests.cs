using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.People;
using AfterSales.Features.Demo;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Log-in rules that the staff and account administration relies on (SEC-1, SEC-2).</summary>
public sealed class IdentityTests
{
    [Theory, BothDatabases]
    public async Task Five_wrong_passwords_lock_the_account_until_the_lockout_has_passed(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.Anonymous();
        var answers = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = "Wrong@2026" });
            answers.Add(response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, answers[3]);
        Assert.True(answers[4] == (HttpStatusCode)423 || answers[5] == (HttpStatusCode)423, string.Join(", ", answers));

        // The right password does not help while the lock-out lasts, neither through the API nor the form.
        var locked = await client.PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = DemoCompany.Password });
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Equal("LoginLockedOut", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var page = await TestApp.PostFormAsync(app.Anonymous(), "/Identity/Login",
            new Dictionary<string, string> { ["Input.Login"] = "tech01", ["Input.Password"] = DemoCompany.Password });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("登录失败次数过多，账号已锁定", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await client.PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = DemoCompany.Password });
        Assert.Equal((HttpStatusCode)423, stillLocked.StatusCode);

        app.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var open = await client.PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = DemoCompany.Password });
        Assert.Equal(HttpStatusCode.NoContent, open.StatusCode);
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_slowed_down_on_the_API_and_the_form_while_the_page_still_opens()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, new Dictionary<string, string> { ["RateLimits:LogInsPerMinute"] = "4" });
        var client = app.Anonymous();
        foreach (var account in new[] { "tech01", "tech02", "tech03", "tech04" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { login = account, password = "Wrong@2026" })).StatusCode);
        // The limit is per address, not per account: even the right password of another account waits.
        var limited = await client.PostAsJsonAsync("/api/auth/login", new { login = "tech05", password = DemoCompany.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        // Opening the log-in page is not an attempt; posting its form is, and says why in Chinese.
        var page = await client.GetAsync("/Identity/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = await client.PostAsync("/Identity/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = "tech05", ["Input.Password"] = DemoCompany.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Contains("请求过多", WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync()));
    }

    [Theory, BothDatabases]
    public async Task Deactivated_staff_cannot_log_in_and_lose_their_session_and_reactivated_staff_can_log_in(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var tech = await app.LogInAsync("tech01");
        var techId = await app.StaffIdAsync("tech01");

        var deactivated = await admin.PostAsJsonAsync($"/api/staff/{techId}/deactivate", new { version = await VersionAsync(app, techId) });
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isActive").GetBoolean());

        var refused = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = DemoCompany.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("LoginInactive", problem.GetProperty("code").GetString());
        Assert.Contains("停用", problem.GetProperty("title").GetString());
        var byPhone = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "139 1000 0001", password = DemoCompany.Password });
        Assert.Equal("LoginInactive", (await byPhone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // Without the right password nobody learns that the account exists and was deactivated.
        var guess = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = "Guess@2026" });
        Assert.Equal("LoginFailed", (await guess.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // The session opened before the deactivation ends at the next security-stamp check.
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tech.GetAsync("/api/auth/me")).StatusCode);

        var reactivated = await admin.PostAsJsonAsync($"/api/staff/{techId}/reactivate", new { version = await VersionAsync(app, techId) });
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        var again = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/auth/me")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_role_change_reaches_the_persons_open_session_at_the_next_security_stamp_check(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var tech = await app.LogInAsync("tech02");
        var techId = await app.StaffIdAsync("tech02");
        var before = await tech.GetAsync("/Staff");
        Assert.Equal(HttpStatusCode.Redirect, before.StatusCode);
        Assert.StartsWith("/Identity/Denied", before.Headers.Location!.OriginalString.Replace("http://localhost", ""));

        var current = await admin.GetFromJsonAsync<JsonElement>($"/api/staff/{techId}");
        var promoted = await admin.PutAsJsonAsync($"/api/staff/{techId}", new
        {
            name = current.GetProperty("name").GetString(),
            phone = current.GetProperty("phone").GetString(),
            role = nameof(StaffRole.RegionalManager),
            regionId = current.GetProperty("regionId").GetInt32(),
            skillLevel = current.GetProperty("skillLevel").GetInt32(),
            hireDate = current.GetProperty("hireDate").GetString(),
            version = current.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("RegionalManager", (await promoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());

        // Within the validation interval the old cookie still speaks; after it the claims are rebuilt, without a new log-in.
        Assert.Equal(HttpStatusCode.Redirect, (await tech.GetAsync("/Staff")).StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        var after = await tech.GetAsync("/Staff");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var me = await tech.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("RegionalManager", me.GetProperty("role").GetString());
        // …and the wider scope with it: the whole FJ region instead of only themself.
        var list = await tech.GetFromJsonAsync<JsonElement>("/api/staff?pageSize=200");
        Assert.True(list.GetProperty("total").GetInt32() > 1);
    }

    internal static Task<int> VersionAsync(TestApp app, int staffId) =>
        app.DbAsync(db => db.Staff.Where(s => s.Id == staffId).Select(s => s.Version).SingleAsync());
}
