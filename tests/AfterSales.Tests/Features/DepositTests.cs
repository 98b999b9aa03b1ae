using System.Net;
using System.Net.Http.Json;
using AfterSales.Domain.People;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// The deposit (HR-2) on both engines: one month's salary held when a person starts; at the exit forfeited when the
/// last day is fewer than the policy's 365 days after the hire date, refunded otherwise — 364 and 365 exactly.
/// </summary>
public sealed class DepositTests
{
    [Theory, BothDatabases]
    public async Task HR2_a_new_person_has_one_months_salary_held_naming_the_rule_and_policy_version(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gm = await app.LogInAsync("gm");
        var fj = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());
        var created = await ResignationTests.Json(await gm.PostAsJsonAsync("/api/staff", new
        {
            staffNumber = "S900", name = "新员工", phone = "13600009999", role = "Technician", regionId = fj, skillLevel = 2, hireDate = "2026-02-01",
            monthlySalary = 6500.50m,
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(6500.50m, created.GetProperty("monthlySalary").GetDecimal());

        var ledger = await ResignationTests.Json(await gm.GetAsync($"/api/people/{id}/deposits"));
        var entry = Assert.Single(ledger.GetProperty("entries").EnumerateArray());
        Assert.Equal(("Held", 6500.50m, "HR-2", "0"), (entry.GetProperty("kind").GetString(), entry.GetProperty("amount").GetDecimal(),
            entry.GetProperty("rule").GetString(), entry.GetProperty("policyVersion").GetString()));
        Assert.Equal(6500.50m, ledger.GetProperty("balance").GetDecimal());
        // Saving the person again holds nothing more.
        var member = await gm.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/staff/{id}");
        await ResignationTests.Json(await gm.PutAsJsonAsync($"/api/staff/{id}", new
        {
            staffNumber = "S900", name = "新员工", phone = "13600009999", role = "Technician", regionId = fj, hireDate = "2026-02-01",
            monthlySalary = 7000m, version = member.GetProperty("version").GetInt32(),
        }));
        Assert.Equal(1, await app.DbAsync(d => d.DepositEntries.CountAsync(e => e.StaffId == id)));
        // And its initial level is the first entry of its history.
        var history = await ResignationTests.Json(await gm.GetAsync($"/api/people/{id}/skill-levels"));
        var initial = Assert.Single(history.EnumerateArray());
        Assert.Equal(("Initial", 2), (initial.GetProperty("source").GetString(), initial.GetProperty("toLevel").GetInt32()));
        // The person's page shows the ledger with its balance.
        var page = WebUtility.HtmlDecode(await gm.GetStringAsync($"/Staff/Details/{id}"));
        Assert.Contains("押金", page);
        Assert.Contains("6,500.50", page);
        Assert.Contains("HR-2：入职扣押一个月工资", page);
    }

    [Theory, BothDatabases]
    public async Task HR2_leaving_364_days_after_the_hire_date_forfeits_the_deposit_and_365_days_refunds_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var lastDay = ResignationTests.Today(app).AddDays(31);
        var (tech02, tech03) = (await app.StaffIdAsync("tech02"), await app.StaffIdAsync("tech03"));
        await app.DbAsync(async d =>
        {
            (await d.Staff.SingleAsync(s => s.Id == tech02)).ChangeHireDate(lastDay.AddDays(-364));
            (await d.Staff.SingleAsync(s => s.Id == tech03)).ChangeHireDate(lastDay.AddDays(-365));
            await d.SaveChangesAsync();
        });
        var held = await app.DbAsync(d => d.DepositEntries.Where(e => e.StaffId == tech02 || e.StaffId == tech03)
            .ToDictionaryAsync(e => e.StaffId, e => e.Amount));
        Assert.True(held[tech02] > 0 && held[tech03] > 0);

        await ResignationTests.ExitAsync(app, "tech02", "tech01", lastDay);
        await ResignationTests.ExitAsync(app, "tech03", "tech01", lastDay);

        var entries = await app.DbAsync(d => d.DepositEntries.Where(e => e.StaffId == tech02 || e.StaffId == tech03).OrderBy(e => e.Id).ToListAsync());
        var forfeited = Assert.Single(entries, e => e.StaffId == tech02 && e.Kind != DepositEntryKind.Held);
        Assert.Equal((DepositEntryKind.Forfeited, held[tech02], 364, "HR-2"), (forfeited.Kind, forfeited.Amount, forfeited.Days!.Value, forfeited.Rule));
        var refunded = Assert.Single(entries, e => e.StaffId == tech03 && e.Kind != DepositEntryKind.Held);
        Assert.Equal((DepositEntryKind.Refunded, held[tech03], 365), (refunded.Kind, refunded.Amount, refunded.Days!.Value));
        var gm = await app.LogInAsync("gm");
        Assert.Equal(0m, (await ResignationTests.Json(await gm.GetAsync($"/api/people/{tech02}/deposits"))).GetProperty("balance").GetDecimal());
        var page = WebUtility.HtmlDecode(await gm.GetStringAsync($"/Staff/Details/{tech02}"));
        Assert.Contains("入职不满一年（364 天）离职，不予退还", page);
    }
}
