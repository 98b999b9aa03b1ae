using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Features.Demo;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Accounts and roles (SEC-1): administrators only; every change in the audit trail without secrets (SEC-3).</summary>
public sealed class AdminTests
{
    [Theory, BothDatabases]
    public async Task SEC1_only_administrators_reach_the_account_pages_and_api(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        foreach (var user in new[] { "gm", "tech01", "fj.manager" })
        {
            var client = await app.LogInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/users")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/admin/users", new { staffId = 1, userName = "x", password = "Abcdefg1" })).StatusCode);
            foreach (var page in new[] { "/Admin/Users", "/Admin/Roles", "/Admin/Users/Create" })
            {
                var response = await client.GetAsync(page);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/Identity/Denied", response.Headers.Location!.OriginalString);
            }
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/admin/users")).StatusCode);

        var admin = await app.LogInAsync("admin");
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=tech0");
        Assert.Equal(9, list.GetProperty("total").GetInt32()); // tech01 … tech09
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task An_administrator_creates_a_staff_member_and_an_account_on_the_pages_and_the_person_logs_in_by_phone(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var gd = await app.DbAsync(d => d.Regions.Where(r => r.Code == "GD").Select(r => r.Id).SingleAsync());
        var manager = await app.StaffIdAsync("gd.manager");

        var created = await TestApp.PostFormAsync(admin, "/Staff/Edit", new Dictionary<string, string>
        {
            ["Input.StaffNumber"] = "s101", ["Input.Name"] = "韩梅", ["Input.Phone"] = "137 0000 1234", ["Input.Role"] = "Technician",
            ["Input.RegionId"] = gd.ToString(), ["Input.ManagerId"] = manager.ToString(), ["Input.SkillLevel"] = "2",
            ["Input.HireDate"] = "2026-03-02", ["Input.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var staffId = await app.DbAsync(d => d.Staff.Where(s => s.StaffNumber == "S101").Select(s => s.Id).SingleAsync());
        Assert.Equal($"/Staff/Details/{staffId}", created.Headers.Location!.OriginalString);
        Assert.Contains("创建账号", WebUtility.HtmlDecode(await admin.GetStringAsync($"/Staff/Details/{staffId}")));

        // The same staff number again is refused beside its field.
        var twice = await TestApp.PostFormAsync(admin, "/Staff/Edit", new Dictionary<string, string>
        {
            ["Input.StaffNumber"] = "S101", ["Input.Name"] = "韩梅", ["Input.Phone"] = "13700005678", ["Input.Role"] = "Technician",
            ["Input.RegionId"] = gd.ToString(), ["Input.SkillLevel"] = "1", ["Input.HireDate"] = "2026-03-02",
        });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("工号 S101 已被使用", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));

        var weak = await TestApp.PostFormAsync(admin, $"/Admin/Users/Create?staffId={staffId}", new Dictionary<string, string>
        {
            ["Input.StaffId"] = staffId.ToString(), ["Input.UserName"] = "han.mei", ["Input.Password"] = "password", ["Input.ConfirmPassword"] = "password",
        }, "/Admin/Users/Create");
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        var weakPage = WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync());
        Assert.Contains("密码须包含数字", weakPage);
        Assert.Contains("密码须包含大写字母", weakPage);

        var account = await TestApp.PostFormAsync(admin, $"/Admin/Users/Create?staffId={staffId}", new Dictionary<string, string>
        {
            ["Input.StaffId"] = staffId.ToString(), ["Input.UserName"] = "han.mei", ["Input.Password"] = "Start@2026", ["Input.ConfirmPassword"] = "Start@2026",
        }, "/Admin/Users/Create");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.StartsWith("/Admin/Users/Account/", account.Headers.Location!.OriginalString);

        var person = await app.LogInAsync("+86 137-0000-1234", "Start@2026");
        var me = await person.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("han.mei", me.GetProperty("userName").GetString());
        Assert.Equal(gd, me.GetProperty("regionId").GetInt32());

        // Audited, without the password hash or the security stamp.
        var audit = await app.DbAsync(d => d.AuditEntries.SingleAsync(a => a.EntityType == "AppUser" && a.Action == AfterSales.Domain.Audit.AuditAction.Insert
            && a.After!.Contains("han.mei")));
        Assert.Equal("admin", audit.Actor);
        // Secrets appear only as an 8-digit fingerprint that shows a change, never as their value.
        var after = System.Text.Json.JsonDocument.Parse(audit.After!).RootElement;
        Assert.Matches("^#[0-9a-f]{8}$", after.GetProperty("PasswordHash").GetString());
        Assert.Matches("^#[0-9a-f]{8}$", after.GetProperty("SecurityStamp").GetString());
        Assert.DoesNotContain("AQAAAA", audit.After);
    }

    [Theory, BothDatabases]
    public async Task Identity_refusals_are_400s_on_the_fields_in_the_users_language(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var staffId = await NewStaffWithoutAccountAsync(admin, app);

        var weak = await admin.PostAsJsonAsync("/api/admin/users", new { staffId, userName = "new.one", password = "abc" });
        await StaffTests.AssertFieldErrorAsync(weak, "Password", "密码至少需要 8 个字符");
        var weakBody = await weak.Content.ReadAsStringAsync();
        Assert.Contains("密码须包含数字", weakBody);
        Assert.Contains("密码须包含大写字母", weakBody);
        Assert.DoesNotContain("Passwords must", weakBody);

        var english = await admin.PostAsJsonAsync("/api/admin/users?culture=en", new { staffId, userName = "new.one", password = "abc" });
        await StaffTests.AssertFieldErrorAsync(english, "Password", "at least 8 characters");

        var mismatch = await admin.PostAsJsonAsync("/api/admin/users", new { staffId, userName = "new.one", password = "Start@2026", confirmPassword = "Start@2027" });
        await StaffTests.AssertFieldErrorAsync(mismatch, "ConfirmPassword", "不一致");
        var takenName = await admin.PostAsJsonAsync("/api/admin/users", new { staffId, userName = "TECH01", password = "Start@2026" });
        await StaffTests.AssertFieldErrorAsync(takenName, "UserName", "TECH01");
        var phoneName = await admin.PostAsJsonAsync("/api/admin/users", new { staffId, userName = "13910000002", password = "Start@2026" });
        await StaffTests.AssertFieldErrorAsync(phoneName, "UserName", "手机号");
        var hasAccount = await admin.PostAsJsonAsync("/api/admin/users", new { staffId = await app.StaffIdAsync("tech01"), userName = "again", password = "Start@2026" });
        await StaffTests.AssertFieldErrorAsync(hasAccount, "StaffId", "已有登录账号");

        var created = await admin.PostAsJsonAsync("/api/admin/users", new { staffId, userName = "new.one", password = "Start@2026" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("new.one", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());
        await app.LogInAsync("new.one", "Start@2026");
    }

    [Theory, BothDatabases]
    public async Task A_password_reset_replaces_the_old_password_and_ends_the_persons_sessions(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var tech = await app.LogInAsync("tech05");
        var id = await app.DbAsync(d => d.Users.Where(u => u.UserName == "tech05").Select(u => u.Id).SingleAsync());

        var weak = await admin.PostAsJsonAsync($"/api/admin/users/{id}/reset-password", new { password = "short" });
        await StaffTests.AssertFieldErrorAsync(weak, "Password", "密码");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/admin/users/{id}/reset-password", new { password = "Fresh@2026" })).StatusCode);
        // The reset is in the audit trail, by whom, without the password hash itself.
        var reset = await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "AppUser" && a.EntityId == id && a.Actor == "admin")
            .OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Contains("PasswordHash", reset.After);
        Assert.DoesNotContain("AQAAAA", reset.After); // the prefix of every Identity v3 password hash
        Assert.NotEqual(reset.Before, reset.After);

        var old = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "tech05", password = DemoCompany.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await app.LogInAsync("tech05", "Fresh@2026");
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await tech.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/admin/users/no-such-id/reset-password", new { password = "Fresh@2026" })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task An_administrator_sees_a_lock_out_and_lifts_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        for (var i = 0; i < 5; i++)
            await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "tech07", password = "Wrong@2026" });
        var account = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=tech07")).GetProperty("items")[0];
        Assert.NotEqual(JsonValueKind.Null, account.GetProperty("lockedOutUntil").ValueKind);
        var id = account.GetProperty("id").GetString()!;
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Admin/Users/Account/{id}"));
        Assert.Contains("锁定至", page);
        Assert.Contains("handler=Unlock", page);

        var unlock = await TestApp.PostFormAsync(admin, $"/Admin/Users/Account/{id}", new Dictionary<string, string>(), $"/Admin/Users/Account/{id}?handler=Unlock");
        Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        await app.LogInAsync("tech07");
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users/{id}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("lockedOutUntil").ValueKind);
        Assert.Equal(0, after.GetProperty("accessFailedCount").GetInt32());

        // The unlock is in the account's history, with who did it.
        var unlocked = await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "AppUser" && a.EntityId == id && a.Actor == "admin").CountAsync());
        Assert.Equal(1, unlocked);
    }

    [Theory, BothDatabases]
    public async Task The_roles_page_lists_every_role_what_it_may_use_and_who_holds_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Roles"));
        foreach (var (zh, en) in new[] { ("售后人员", "Technician"), ("部门主管", "Department supervisor"), ("售后经理", "After-sales manager"),
            ("副经理", "Deputy manager"), ("督导部", "Supervision department"), ("总经理", "General manager"), ("财务", "Finance"),
            ("店面/导购", "Store / sales"), ("技术支持", "Technical support"), ("系统管理员", "Administrator") })
        {
            Assert.Contains(zh, page);
            Assert.Contains(en, page);
        }
        Assert.Contains("/Staff?role=Technician&amp;active=true", page.Replace("&", "&amp;").Replace("&amp;amp;", "&amp;"));
        Assert.Contains("10 人", page);
        Assert.Contains("管理账号", page);
        // The administrator's row has a tick for every capability but three that belong to people, not to the system's
        // keeper: approving the assessment policy (the GM's signature), deciding appeals and closing the month.
        // The technician's only for editing customers.
        var rows = page.Split("<tr>").Skip(2).ToList();
        Assert.Equal(AfterSales.Features.Identity.Policies.Roles.Count - 3, rows.Single(r => r.Contains("系统管理员")).Split('✓').Length - 1);
        Assert.Equal(1, rows.Single(r => r.Contains("售后人员")).Split('✓').Length - 1);
    }

    private static async Task<int> NewStaffWithoutAccountAsync(HttpClient admin, TestApp app)
    {
        var fj = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            staffNumber = "S500", name = "新人", phone = "13600001111", role = "Technician", regionId = fj, skillLevel = 1, hireDate = "2026-02-01",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
