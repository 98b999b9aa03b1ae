using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.People;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Staff master data: who sees whom (SEC-2) and the rules of a staff record (SEC-1, HR-1).</summary>
public sealed class StaffTests
{
    [Theory, BothDatabases]
    public async Task SEC2_a_regional_manager_lists_only_their_regions_staff(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var fj = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());
        var expected = await app.DbAsync(d => d.Staff.CountAsync(s => s.RegionId == fj));

        var list = await manager.GetFromJsonAsync<JsonElement>("/api/staff?pageSize=200");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected, list.GetProperty("total").GetInt32());
        Assert.All(items, i => Assert.Equal(fj, i.GetProperty("regionId").GetInt32()));
        Assert.Contains(items, i => i.GetProperty("userName").GetString() == "fj.manager");
        Assert.Contains(items, i => i.GetProperty("userName").GetString() == "tech05");

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/Staff"));
        Assert.Contains("张伟", page);      // tech01, FJ
        Assert.DoesNotContain("徐强", page); // tech06, GD
        Assert.DoesNotContain("李静", page);  // supervision department, head office
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_staff_record_outside_the_managers_region_is_not_found(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var gdTech = await app.StaffIdAsync("tech06");
        var fjTech = await app.StaffIdAsync("tech01");

        var outside = await manager.GetAsync($"/api/staff/{gdTech}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("徐强", await outside.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/Staff/Details/{gdTech}")).StatusCode);

        var inside = await manager.GetFromJsonAsync<JsonElement>($"/api/staff/{fjTech}");
        Assert.Equal("张伟", inside.GetProperty("name").GetString());
        Assert.Equal("Technician", inside.GetProperty("role").GetString());
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_technician_sees_only_themself_and_not_the_staff_pages(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var self = await app.StaffIdAsync("tech01");

        var list = await tech.GetFromJsonAsync<JsonElement>("/api/staff");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(self, list.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await tech.GetAsync($"/api/staff/{self}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/api/staff/{await app.StaffIdAsync("tech02")}")).StatusCode);

        var page = await tech.GetAsync("/Staff");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Identity/Denied", page.Headers.Location!.OriginalString);
        var put = await tech.PutAsJsonAsync($"/api/staff/{self}", new { name = "x", phone = "13910000001", role = "Administrator", hireDate = "2024-01-01" });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Staff_list_searches_by_number_name_and_phone_and_filters_by_role_region_and_state(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gm = await app.LogInAsync("gm");
        async Task<List<string>> NamesAsync(string query) =>
            (await gm.GetFromJsonAsync<JsonElement>("/api/staff?pageSize=200&" + query)).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("userName").GetString()!).ToList();

        Assert.Equal(new[] { "tech01" }, await NamesAsync("q=139%201000%200001"));
        Assert.Equal(new[] { "tech06" }, await NamesAsync("q=" + Uri.EscapeDataString("徐强")));
        Assert.Equal(new[] { "gm" }, await NamesAsync("q=s002"));
        Assert.Equal(10, (await NamesAsync("role=Technician")).Count);
        var gd = await app.DbAsync(d => d.Regions.Where(r => r.Code == "GD").Select(r => r.Id).SingleAsync());
        Assert.Equal(new[] { "tech06", "tech07", "tech08", "tech09", "tech10" }, (await NamesAsync($"role=technician&regionId={gd}")).Order());
        Assert.Empty(await NamesAsync("active=false"));

        var bad = await gm.GetAsync("/api/staff?role=Pilot");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("role", out _));

        var page = WebUtility.HtmlDecode(await gm.GetStringAsync("/Staff?role=Technician&regionId=" + gd));
        Assert.Contains("徐强", page);
        Assert.DoesNotContain("张伟", page);
        Assert.Contains("售后人员", page); // the role's Chinese name, not "Technician"
    }

    [Theory, BothDatabases]
    public async Task Staff_number_and_phone_are_unique_and_field_roles_need_a_region(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var fj = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());

        var number = await admin.PostAsJsonAsync("/api/staff", NewTechnician("s013", "13920000001", fj));
        await AssertFieldErrorAsync(number, "StaffNumber", "S013");
        var phone = await admin.PostAsJsonAsync("/api/staff", NewTechnician("S900", "139-1000-0001", fj));
        await AssertFieldErrorAsync(phone, "Phone", "13910000001");
        var noRegion = await admin.PostAsJsonAsync("/api/staff", NewTechnician("S900", "13920000001", null));
        await AssertFieldErrorAsync(noRegion, "RegionId", "区域");
        var badRole = await admin.PostAsJsonAsync("/api/staff", NewTechnician("S900", "13920000001", fj) with { role = "Pilot" });
        await AssertFieldErrorAsync(badRole, "Role", "Pilot");

        var created = await admin.PostAsJsonAsync("/api/staff", NewTechnician("s900", "+86 139 2000 0001", fj));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("S900", body.GetProperty("staffNumber").GetString());
        Assert.Equal("13920000001", body.GetProperty("phone").GetString());
        Assert.False(body.GetProperty("hasAccount").GetBoolean());
        Assert.Equal($"/api/staff/{body.GetProperty("id").GetInt32()}", created.Headers.Location!.OriginalString);

        // Changing someone else's phone to a number in use is refused the same way.
        var tech02 = await admin.GetFromJsonAsync<JsonElement>($"/api/staff/{await app.StaffIdAsync("tech02")}");
        var taken = await admin.PutAsJsonAsync($"/api/staff/{tech02.GetProperty("id").GetInt32()}", Edit(tech02) with { phone = "13920000001" });
        await AssertFieldErrorAsync(taken, "Phone", "13920000001");
    }

    [Theory, BothDatabases]
    public async Task Staff_edits_check_the_version_the_manager_and_keep_an_administrator(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gm = await app.LogInAsync("gm");
        var tech01 = await gm.GetFromJsonAsync<JsonElement>($"/api/staff/{await app.StaffIdAsync("tech01")}");
        var id = tech01.GetProperty("id").GetInt32();

        // HR-1: a change of level needs a reason.
        var unexplained = await gm.PutAsJsonAsync($"/api/staff/{id}", Edit(tech01) with { skillLevel = 4 });
        await AssertFieldErrorAsync(unexplained, "SkillLevelReason", "原因");
        var promoted = await gm.PutAsJsonAsync($"/api/staff/{id}", Edit(tech01) with { skillLevel = 4, skillLevelReason = "技能考核优秀" });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var stale = await gm.PutAsJsonAsync($"/api/staff/{id}", Edit(tech01) with { skillLevel = 2, skillLevelReason = "降级" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(4, await app.DbAsync(d => d.Staff.Where(s => s.Id == id).Select(s => s.SkillLevel).SingleAsync()));

        var current = await promoted.Content.ReadFromJsonAsync<JsonElement>();
        var level = await gm.PutAsJsonAsync($"/api/staff/{id}", Edit(current) with { skillLevel = 6 });
        await AssertFieldErrorAsync(level, "SkillLevel", "1");
        var self = await gm.PutAsJsonAsync($"/api/staff/{id}", Edit(current) with { managerId = id });
        await AssertFieldErrorAsync(self, "ManagerId", "本人");
        // fj.manager reports to the GM and tech01 to fj.manager: making fj.manager report to tech01 would be a loop.
        var managerId = await app.StaffIdAsync("fj.manager");
        var manager = await gm.GetFromJsonAsync<JsonElement>($"/api/staff/{managerId}");
        var loop = await gm.PutAsJsonAsync($"/api/staff/{managerId}", Edit(manager) with { managerId = id });
        await AssertFieldErrorAsync(loop, "ManagerId", "汇报");

        // Only an administrator hands out or takes away the administrator role (SEC-1), and one always remains.
        var adminId = await app.StaffIdAsync("admin");
        var admin = await gm.GetFromJsonAsync<JsonElement>($"/api/staff/{adminId}");
        var byGm = await gm.PutAsJsonAsync($"/api/staff/{adminId}", Edit(admin) with { role = "Finance" });
        await AssertFieldErrorAsync(byGm, "Role", "管理员");
        Assert.Equal("AdministratorRoleByAdministrator", (await byGm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var gmToAdmin = await gm.PutAsJsonAsync($"/api/staff/{id}", Edit(current) with { role = "Administrator" });
        await AssertFieldErrorAsync(gmToAdmin, "Role", "管理员");
        var administrator = await app.LogInAsync("admin");
        var demoted = await administrator.PutAsJsonAsync($"/api/staff/{adminId}", Edit(admin) with { role = "Finance" });
        await AssertFieldErrorAsync(demoted, "Role", "管理员");
        Assert.Equal("LastAdministrator", (await demoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var deactivated = await gm.PostAsJsonAsync($"/api/staff/{adminId}/deactivate", new { version = admin.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, deactivated.StatusCode);
        Assert.Equal("AdministratorRoleByAdministrator", (await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.True(await app.DbAsync(d => d.Staff.Where(s => s.Id == adminId).Select(s => s.IsActive && s.Role == StaffRole.Administrator).SingleAsync()));

        var fjManager = await app.LogInAsync("fj.manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await fjManager.PutAsJsonAsync($"/api/staff/{id}", Edit(current))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await fjManager.GetAsync($"/Staff/Edit/{id}")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_edit_page_saves_changes_to_the_audit_trail_and_the_details_page_shows_them(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var id = await app.StaffIdAsync("tech03");
        var fj = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());
        var gd = await app.DbAsync(d => d.Regions.Where(r => r.Code == "GD").Select(r => r.Id).SingleAsync());
        var gdManager = await app.StaffIdAsync("gd.manager");
        var version = await IdentityTests.VersionAsync(app, id);
        var levelBefore = await app.DbAsync(d => d.Staff.Where(s => s.Id == id).Select(s => s.SkillLevel).SingleAsync());

        var saved = await TestApp.PostFormAsync(admin, $"/Staff/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "杨帆", ["Input.Phone"] = "13910000003", ["Input.Role"] = "Technician",
            ["Input.RegionId"] = gd.ToString(), ["Input.ManagerId"] = gdManager.ToString(), ["Input.SkillLevel"] = "5",
            ["Input.HireDate"] = "2024-05-05", ["Input.Version"] = version.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/Staff/Details/{id}", saved.Headers.Location!.OriginalString);
        var stored = await app.DbAsync(d => d.Staff.AsNoTracking().SingleAsync(s => s.Id == id));
        // HR-1: the edit form does not change a saved person's level (that is done on their page, with a reason).
        Assert.Equal((gd, gdManager, levelBefore, new DateOnly(2024, 5, 5)), (stored.RegionId!.Value, stored.ManagerId!.Value, stored.SkillLevel, stored.HireDate));
        var audit = await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Staff" && a.EntityId == id.ToString())
            .OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal("admin", audit.Actor);
        Assert.Contains($"\"RegionId\":{fj}", audit.Before);
        Assert.Contains($"\"RegionId\":{gd}", audit.After);

        var details = WebUtility.HtmlDecode(await admin.GetStringAsync($"/Staff/Details/{id}"));
        Assert.Contains("广东区", details);
        Assert.Contains("梁伟", details);   // the new manager
        Assert.Contains("tech03", details); // the account
        Assert.Contains("变更记录", details);
        // The regions by name, with their ids.
        Assert.Contains($"区域: 福建区 (#{fj}) → 广东区 (#{gd})", details);

        // A field role without a region is refused beside the field, and the form keeps what was typed.
        var refused = await TestApp.PostFormAsync(admin, $"/Staff/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "杨帆二", ["Input.Phone"] = "13910000003", ["Input.Role"] = "Technician", ["Input.RegionId"] = "",
            ["Input.SkillLevel"] = "5", ["Input.HireDate"] = "2024-05-05", ["Input.Version"] = (version + 1).ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("该角色需归属区域", form);
        Assert.Contains("value=\"杨帆二\"", form);
    }

    [Theory, BothDatabases]
    public async Task A_managers_details_page_lists_their_reports_and_deactivating_through_the_page_ends_the_persons_access(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var managerId = await app.StaffIdAsync("fj.manager");
        var manager = await app.LogInAsync("fj.manager");
        var own = WebUtility.HtmlDecode(await manager.GetStringAsync($"/Staff/Details/{managerId}"));
        foreach (var name in new[] { "张伟", "刘洋", "杨帆", "吴磊", "周杰", "黄丽", "郑晓" }) Assert.Contains(name, own);
        Assert.DoesNotContain("handler=Deactivate", own); // a manager may look, not deactivate

        var admin = await app.LogInAsync("admin");
        var techId = await app.StaffIdAsync("tech04");
        var version = await IdentityTests.VersionAsync(app, techId);
        var byManager = await TestApp.PostFormAsync(manager, $"/Staff/Details/{techId}",
            new Dictionary<string, string> { ["version"] = version.ToString() }, $"/Staff/Details/{techId}?handler=Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, byManager.StatusCode);
        Assert.Contains("/Identity/Denied", byManager.Headers.Location!.OriginalString);
        Assert.True(await app.DbAsync(d => d.Staff.Where(s => s.Id == techId).Select(s => s.IsActive).SingleAsync()));

        var done = await TestApp.PostFormAsync(admin, $"/Staff/Details/{techId}",
            new Dictionary<string, string> { ["version"] = version.ToString() }, $"/Staff/Details/{techId}?handler=Deactivate");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(await app.DbAsync(d => d.Staff.Where(s => s.Id == techId).Select(s => s.IsActive).SingleAsync()));
        // The history reads yes and no, not the stored True and False.
        Assert.Contains("在用: 是 → 否", System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/Staff/Details/{techId}")));
        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "tech04", password = AfterSales.Features.Demo.DemoCompany.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        // Deactivating oneself is refused on the page, with the message at the top of the page.
        var adminId = await app.StaffIdAsync("admin");
        var self = await TestApp.PostFormAsync(admin, $"/Staff/Details/{adminId}",
            new Dictionary<string, string> { ["version"] = (await IdentityTests.VersionAsync(app, adminId)).ToString() },
            $"/Staff/Details/{adminId}?handler=Deactivate");
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Contains("不能停用自己", WebUtility.HtmlDecode(await self.Content.ReadAsStringAsync()));
    }

    internal sealed record StaffBody(string? staffNumber, string? name, string? phone, string? role, int? regionId, int? managerId,
        int? skillLevel, string? hireDate, int version = 0, string? skillLevelReason = null);

    private static StaffBody NewTechnician(string number, string phone, int? region) =>
        new(number, "新员工", phone, nameof(StaffRole.Technician), region, null, 1, "2026-01-05");

    internal static StaffBody Edit(JsonElement s) => new(null, s.GetProperty("name").GetString(), s.GetProperty("phone").GetString(),
        s.GetProperty("role").GetString(), s.GetProperty("regionId").ValueKind == JsonValueKind.Null ? null : s.GetProperty("regionId").GetInt32(),
        s.GetProperty("managerId").ValueKind == JsonValueKind.Null ? null : s.GetProperty("managerId").GetInt32(),
        s.GetProperty("skillLevel").GetInt32(), s.GetProperty("hireDate").GetString(), s.GetProperty("version").GetInt32());

    internal static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field, string messageContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var messages = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty(field);
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(messageContains));
    }
}
