using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// Skill levels with their history (HR-1) on both engines: a manager's change needs a reason and is kept with who and
/// when; the month close's ASM-14 change is a rule entry naming the month and the policy version.
/// </summary>
public sealed class SkillLevelHistoryTests
{
    [Theory, BothDatabases]
    public async Task HR1_a_managers_change_of_level_needs_a_reason_and_shows_in_the_history(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var manager = await app.LogInAsync("fj.manager");
        var member = await manager.GetFromJsonAsync<JsonElement>($"/api/staff/{tech01}");
        var (level, version) = (member.GetProperty("skillLevel").GetInt32(), member.GetProperty("version").GetInt32());
        var target = level == 5 ? 4 : level + 1;

        var noReason = await ResignationTests.Json(await manager.PostAsJsonAsync($"/api/people/{tech01}/skill-level", new { level = target, reason = " ", version }),
            HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("SkillLevelReason", out _));
        // Another region's manager and the technician themself may not.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager")).PostAsJsonAsync($"/api/people/{tech01}/skill-level",
            new { level = target, reason = "考核优秀", version })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("tech01")).PostAsJsonAsync($"/api/people/{tech01}/skill-level",
            new { level = target, reason = "考核优秀", version })).StatusCode);

        var history = await ResignationTests.Json(await manager.PostAsJsonAsync($"/api/people/{tech01}/skill-level", new { level = target, reason = "年度技能考核优秀", version }));
        var latest = history[0];
        Assert.Equal(("Manager", level, target, "年度技能考核优秀", "林海"), (latest.GetProperty("source").GetString(), latest.GetProperty("fromLevel").GetInt32(),
            latest.GetProperty("toLevel").GetInt32(), latest.GetProperty("reason").GetString(), latest.GetProperty("byName").GetString()));
        Assert.Equal("Initial", history[history.GetArrayLength() - 1].GetProperty("source").GetString());
        Assert.Equal(target, await app.DbAsync(d => d.Staff.Where(s => s.Id == tech01).Select(s => s.SkillLevel).SingleAsync()));
        // A stale version is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync($"/api/people/{tech01}/skill-level", new { level = 1, reason = "降级", version })).StatusCode);

        // The person's page: the form (reason required beside the field) and the history.
        var refused = await TestApp.PostFormAsync(manager, $"/Staff/Details/{tech01}", new Dictionary<string, string>
        {
            ["Input.Level"] = "1", ["Input.SkillLevelReason"] = "", ["Input.Version"] = (version + 1).ToString(),
        }, $"/Staff/Details/{tech01}?handler=SkillLevel");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("变更技能等级须填写原因", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync($"/Staff/Details/{tech01}"));
        Assert.Contains("技能等级记录", page);
        Assert.Contains("年度技能考核优秀", page);
        Assert.Contains($"{level} → {target}", page);
        Assert.Contains("入职初定", page);
    }

    [Theory, BothDatabases]
    public async Task ASM14_HR1_the_month_close_writes_a_rule_entry_naming_the_month_and_policy_version(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech02 = await app.StaffIdAsync("tech02");
        var before = await app.DbAsync(d => d.Staff.Where(s => s.Id == tech02).Select(s => s.SkillLevel).SingleAsync());
        foreach (var (day, cause) in new[] { (3, "密封圈老化"), (12, "接线松动"), (20, "压缩机过热") })
        {
            var body = new Dictionary<string, object?>
            {
                ["personId"] = tech02, ["kind"] = "repair_redone", ["at"] = $"2026-10-{day:00}T10:00:00+08:00", ["description"] = "返工",
                ["equipmentKind"] = "空调机组", ["cause"] = cause, ["repairClass"] = "minor",
            };
            await ResignationTests.Json(await manager.PostAsJsonAsync("/api/assessment/incidents", body), HttpStatusCode.Created);
        }
        await ResignationTests.Json(await (await app.LogInAsync("finance")).PostAsync("/api/assessment/months/2026-10/close", null));

        var history = await ResignationTests.Json(await manager.GetAsync($"/api/people/{tech02}/skill-levels"));
        var rule = history[0];
        Assert.Equal(("Rule", before, before - 1, "ASM-14", "2026-10", "0"), (rule.GetProperty("source").GetString(), rule.GetProperty("fromLevel").GetInt32(),
            rule.GetProperty("toLevel").GetInt32(), rule.GetProperty("rule").GetString(), rule.GetProperty("month").GetString(), rule.GetProperty("policyVersion").GetString()));
        Assert.Equal(1, await app.DbAsync(d => d.SkillLevelChanges.CountAsync(c => c.StaffId == tech02 && c.Source == AfterSales.Domain.People.SkillLevelSource.Rule)));
        Assert.Contains("ASM-14：返工累计降级（2026-10 月结算", WebUtility.HtmlDecode(await manager.GetStringAsync($"/Staff/Details/{tech02}")));
    }
    /// <summary>
    /// People recorded before the history was kept had no entry: the migration <c>SkillHistoryBaseline</c> gives each the
    /// level on file, said as such, and leaves everyone with a history alone.
    /// </summary>
    [Theory, BothDatabases]
    public async Task HR1_people_without_a_history_get_the_level_on_file_when_it_began(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var (all, own) = await app.DbAsync(async d => (await d.SkillLevelChanges.CountAsync(), await d.SkillLevelChanges.CountAsync(c => c.StaffId == tech01)));
        await app.DbAsync(async d =>
        {
            // As before the history was kept: tech01 has no entry.
            await d.Database.ExecuteSqlAsync($"""DELETE FROM "SkillLevelChanges" WHERE "StaffId" = {tech01}""");
            var migrations = d.Database.GetMigrations().ToList();
            var baseline = migrations.FindIndex(m => m.EndsWith("_SkillHistoryBaseline", StringComparison.Ordinal));
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(d);
            await migrator.MigrateAsync(migrations[baseline - 1]);
            await migrator.MigrateAsync(migrations[^1]);
        });

        var entries = await app.DbAsync(d => d.SkillLevelChanges.Where(c => c.StaffId == tech01).ToListAsync());
        var level = await app.DbAsync(d => d.Staff.Where(s => s.Id == tech01).Select(s => s.SkillLevel).SingleAsync());
        var entry = Assert.Single(entries);
        Assert.Equal((AfterSales.Domain.People.SkillLevelSource.OnFile, (int?)null, level), (entry.Source, entry.FromLevel, entry.ToLevel));
        // Nobody else was given an entry.
        Assert.True(own > 0);
        Assert.Equal(all - own + 1, await app.DbAsync(d => d.SkillLevelChanges.CountAsync()));
        var page = WebUtility.HtmlDecode(await (await app.LogInAsync("fj.manager")).GetStringAsync($"/Staff/Details/{tech01}"));
        Assert.Contains("记录启用时在册", page);
    }
}
