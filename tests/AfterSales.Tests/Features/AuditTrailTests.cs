using System.Net;
using System.Net.Http.Json;
using AfterSales.Domain.Audit;
using AfterSales.Features.Audit;
using AfterSales.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Tests.Features;

/// <summary>SEC-3: every change is kept, append-only, chained by hashes; tampering is found.</summary>
public sealed class AuditTrailTests
{
    [Theory, BothDatabases]
    public async Task A_change_through_the_API_is_recorded_with_who_before_and_after(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var region = await admin.GetFromJsonAsync<RegionBody>("/api/regions/1");

        var response = await admin.PutAsJsonAsync("/api/regions/1", region! with { Name = "闽南区" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Region" && a.EntityId == "1")
            .OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal(AuditAction.Update, entry.Action);
        Assert.Equal("admin", entry.Actor);
        Assert.Contains("\"Name\":\"福建区\"", entry.Before);
        Assert.Contains("\"Name\":\"闽南区\"", entry.After);
        Assert.True((await Verify(app)).Intact);
    }

    [Theory, BothDatabases]
    public async Task The_history_panel_shows_the_change_on_the_record_page(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var region = await admin.GetFromJsonAsync<RegionBody>("/api/regions/2");
        await admin.PutAsJsonAsync("/api/regions/2", region! with { City = "深圳" });

        var html = await admin.GetStringAsync("/Regions/Details/2");

        Assert.Contains("变更记录", html);
        Assert.Contains("城市: 广州 → 深圳", html);
    }

    [Theory, BothDatabases]
    public async Task History_values_read_in_the_readers_language_a_set_of_flags_included(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        var display = scope.ServiceProvider.GetRequiredService<AuditDisplay>();
        var workOrders = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<AfterSales.Features.WorkOrders.WorkOrdersText>>();
        Assert.Equal("业主、配管工人", display.Value("Required", "Owner, Plumber", workOrders));
        Assert.Equal("业主", display.Value("Required", "Owner", workOrders));
        Assert.Equal(("需在场人", "受理人"), (display.Field("Required"), display.Field("ReceivedById")));
    }

    [Theory, BothDatabases]
    public async Task A_customers_history_includes_its_own_sites_and_no_other_customers(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        async Task<int> AddSiteAsync(int customerId, string name)
        {
            var response = await manager.PostAsJsonAsync($"/api/customers/{customerId}/sites", new { name, city = "厦门", address = "厦门市思明区湖滨南路1号" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
        }
        var own = await AddSiteAsync(1, "新店铺");
        var other = await AddSiteAsync(11, "仓库");

        var html = await manager.GetStringAsync("/Customers/Details/1");

        Assert.Contains($"现场 #{own}<", html);
        Assert.DoesNotContain($"现场 #{other}<", html);
        // The new site's entry names its customer, not only its id; so does the audit page.
        var customer = await app.DbAsync(d => d.Customers.Where(c => c.Id == 1).Select(c => c.Name).SingleAsync());
        Assert.Contains($"客户: ∅ → {customer} (#1)", System.Net.WebUtility.HtmlDecode(html));
        var audit = await (await app.LogInAsync("supervision")).GetStringAsync($"/Audit?entityType=Site&entityId={own}");
        Assert.Contains($"客户: ∅ → {customer} (#1)", System.Net.WebUtility.HtmlDecode(audit));
    }

    [Theory, BothDatabases]
    public async Task The_database_refuses_to_update_or_delete_audit_rows(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await Assert.ThrowsAnyAsync<Exception>(() => app.DbAsync(d => d.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory' WHERE \"Sequence\" = 3")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.DbAsync(d => d.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3")));
        Assert.Equal("system:demo", await app.DbAsync(d => d.AuditEntries.Where(a => a.Sequence == 3).Select(a => a.Actor).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task Verify_finds_the_first_hand_edited_row(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        Assert.True((await Verify(app)).Intact);

        await TamperAsync(app, "UPDATE \"AuditEntries\" SET \"EntityId\" = \"EntityId\" || '0' WHERE \"Sequence\" = 20");
        await TamperAsync(app, "UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory' WHERE \"Sequence\" = 40");

        var result = await Verify(app);
        Assert.False(result.Intact);
        Assert.Equal(20, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.ContentAltered, result.Problem);
        Assert.Equal(19, result.RowsChecked);
    }

    [Theory, BothDatabases]
    public async Task Verify_finds_a_removed_row(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await TamperAsync(app, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 7");

        var result = await Verify(app);

        Assert.Equal(7, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.RowMissing, result.Problem);
    }

    [Theory, BothDatabases]
    public async Task Verify_finds_a_row_rewritten_with_a_fresh_hash(Db db)
    {
        // Someone who recomputes the edited row's own hash still breaks the link from the next row.
        await using var app = await TestApp.StartAsync(db);
        var row = await app.DbAsync(d => d.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == 10));
        var forged = new AuditEntry(row.Sequence, row.At, "mallory", row.EntityType, row.EntityId, row.Action, row.Before, row.After, row.PreviousHash);
        await TamperAsync(app, $"UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory', \"Hash\" = '{forged.Hash}' WHERE \"Sequence\" = 10");

        var result = await Verify(app);

        Assert.Equal(11, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.LinkBroken, result.Problem);
    }

    [Theory, BothDatabases]
    public async Task The_command_line_audit_verify_exits_0_when_intact_and_1_naming_the_row_when_broken(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var intact = await Cli.RunAsync(app.Database, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains("intact", intact.Output);

        await TamperAsync(app, "UPDATE \"AuditEntries\" SET \"Before\" = '{}' WHERE \"Sequence\" = 33");
        var broken = await Cli.RunAsync(app.Database, "audit", "verify");

        Assert.True(broken.ExitCode == 1, broken.ToString());
        Assert.Contains("row 33", broken.Output);
    }

    [Theory, BothDatabases]
    public async Task The_audit_page_verifies_the_chain_for_the_supervision_department_only(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var supervision = await app.LogInAsync("supervision");
        var response = await TestApp.PostFormAsync(supervision, "/Audit", new Dictionary<string, string>(), "/Audit?handler=Verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("审计日志完整", await response.Content.ReadAsStringAsync());

        var technician = await app.LogInAsync("tech01");
        var denied = await technician.GetAsync("/Audit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/Identity/Denied", denied.Headers.Location!.PathAndQuery);
    }

    [Theory, BothDatabases]
    public async Task The_audit_page_filters_by_record_and_by_the_sites_local_dates(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gm = await app.LogInAsync("gm");
        var local = app.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        // The demo rows were written minutes ago, which may have been yesterday in the site's time near midnight.
        var yesterday = local.AddDays(-1).ToString("yyyy-MM-dd");
        var today = local.ToString("yyyy-MM-dd");
        var tomorrow = app.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(1).ToString("yyyy-MM-dd");

        var region = await gm.GetStringAsync($"/Audit?entityType=Region&entityId=1&from={yesterday}&to={today}");
        Assert.Contains("Region #1", region);
        Assert.DoesNotContain("Staff #", region);
        var later = await gm.GetStringAsync($"/Audit?from={tomorrow}");
        Assert.Contains("没有找到记录", later);
    }

    private static Task<AuditVerification> Verify(TestApp app) =>
        app.DbAsync(d => new AuditChain(d).VerifyAsync());

    /// <summary>A hand edit by someone with direct database access, who first switches the append-only guard off.</summary>
    private static async Task TamperAsync(TestApp app, string sql)
    {
        if (app.Provider == Db.Sqlite)
        {
            await using var connection = new SqliteConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER IF EXISTS \"AuditEntries_NoUpdate\"; DROP TRIGGER IF EXISTS \"AuditEntries_NoDelete\"; " + sql;
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER \"AuditEntries_AppendOnly\"; " + sql +
                "; ALTER TABLE \"AuditEntries\" ENABLE TRIGGER \"AuditEntries_AppendOnly\";", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed record RegionBody(int Id, string Code, string Name, string City, int? ManagerId, int? DeputyManagerId, int Version);
}
