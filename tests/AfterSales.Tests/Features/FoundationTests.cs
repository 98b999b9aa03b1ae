using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AfterSales.Tests.Features;

/// <summary>The platform every feature stands on: health, log-in, errors, languages, API description, start-up.</summary>
public sealed class FoundationTests
{
    /// <summary>A list page's second page is the second page: "page" is also Razor Pages' own route value.</summary>
    [Theory]
    [InlineData("/Customers")]
    [InlineData("/Equipment")]
    [InlineData("/Audit")]
    public async Task The_pager_moves_to_the_second_page(string list)
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var admin = await app.LogInAsync("admin");
        var second = await admin.GetStringAsync(list + "?page=2");
        Assert.Matches("第 2/\\d+ 页", second);
        Assert.DoesNotContain("无效", second);
    }

    [Theory, BothDatabases]
    public async Task Health_reports_the_database_healthy(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", await response.Content.ReadAsStringAsync());
    }

    [Theory, BothDatabases]
    public async Task Log_in_works_by_phone_number_with_spaces_and_country_code(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.LogInAsync("+86 139 1000 0001");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("tech01", me.GetProperty("userName").GetString());
        Assert.Equal("Technician", me.GetProperty("role").GetString());
    }

    [Theory, BothDatabases]
    public async Task A_wrong_password_is_refused_with_a_problem_in_Chinese(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "tech01", password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("密码错误", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory, BothDatabases]
    public async Task Pages_need_a_log_in_and_the_API_answers_401_instead_of_redirecting(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var anonymous = app.Anonymous();
        var page = await anonymous.GetAsync("/Regions");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Identity/Login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/regions")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task The_log_in_form_signs_in_and_the_home_page_speaks_Chinese_by_default(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.Anonymous();
        var response = await TestApp.PostFormAsync(client, "/Identity/Login",
            new Dictionary<string, string> { ["Input.Login"] = "fj.manager", ["Input.Password"] = "Demo@2026" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var home = await client.GetStringAsync("/");
        Assert.Contains("<html lang=\"zh-CN\">", home);
        Assert.Contains("您好，林海", home);
        Assert.Contains("售后经理", home);
    }

    [Theory, BothDatabases]
    public async Task English_is_chosen_with_the_language_switch_and_kept(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.LogInAsync("gm");
        var switched = await TestApp.PostFormAsync(client, "/", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/Regions" }, "/Culture");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Regions", switched.Headers.Location!.OriginalString);

        var page = await client.GetStringAsync("/Regions");
        Assert.Contains("<html lang=\"en\">", page);
        Assert.Contains("After-sales manager", page);
    }

    [Theory, BothDatabases]
    public async Task The_log_in_form_shows_errors_beside_its_fields(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await TestApp.PostFormAsync(app.Anonymous(), "/Identity/Login",
            new Dictionary<string, string> { ["Input.Login"] = "", ["Input.Password"] = "" });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请输入手机号或用户名。", html);
        Assert.Contains("请输入密码。", html);
    }

    [Theory, BothDatabases]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var response = await admin.PostAsync("/Regions/Edit/1", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "FJ", ["Input.Name"] = "被篡改", ["Input.City"] = "厦门", ["Input.Version"] = "1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("福建区", await app.DbAsync(d => Task.FromResult(d.Regions.Single(r => r.Id == 1).Name)));
    }

    [Theory, BothDatabases]
    public async Task Every_API_error_is_ProblemDetails_with_the_field_and_nothing_changes(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/regions", new { code = "FJ", name = "重复", city = "厦门" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("CodeTaken", problem.GetProperty("code").GetString());
        Assert.Equal("编码 FJ 已被使用。", problem.GetProperty("errors").GetProperty("Code")[0].GetString());
        Assert.Equal(2, await app.DbAsync(d => Task.FromResult(d.Regions.Count())));

        var missing = await admin.GetAsync("/api/regions/999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Two_people_saving_the_same_record_get_a_conflict_not_a_lost_update(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var admin = await app.LogInAsync("admin");
        var gm = await app.LogInAsync("gm");
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/regions/1");
        var version = read.GetProperty("version").GetInt32();

        var first = await admin.PutAsJsonAsync("/api/regions/1", new { code = "FJ", name = "福建一区", city = "厦门", version });
        var second = await gm.PutAsJsonAsync("/api/regions/1", new { code = "FJ", name = "福建二区", city = "厦门", version });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("ConcurrentEdit", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal("福建一区", await app.DbAsync(d => Task.FromResult(d.Regions.Single(r => r.Id == 1).Name)));
    }

    [Theory, BothDatabases]
    public async Task Only_administrators_and_the_GM_change_regions(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        foreach (var user in new[] { "tech01", "fj.manager", "supervision", "finance" })
        {
            var client = await app.LogInAsync(user);
            var response = await client.PostAsJsonAsync("/api/regions", new { code = "ZJ", name = "浙江区", city = "杭州" });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{user}: {(int)response.StatusCode}");
        }
        var gm = await app.LogInAsync("gm");
        Assert.Equal(HttpStatusCode.Created, (await gm.PostAsJsonAsync("/api/regions", new { code = "ZJ", name = "浙江区", city = "杭州" })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_log_in_made_on_one_instance_works_on_another_sharing_the_database(Db db)
    {
        // Data-protection keys live in the database, so instances behind a load balancer read each other's cookies.
        await using var app = await TestApp.StartAsync(db);
        var login = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { login = "fj.manager", password = "Demo@2026" });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aftersales.auth=", StringComparison.Ordinal));
        await using var secondInstance = new AppFactory(app.Provider, app.ConnectionString);
        var other = secondInstance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);

        var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fj.manager", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userName").GetString());
    }

    [Theory, BothDatabases]
    public async Task The_API_is_described_by_OpenAPI_with_an_interactive_reference(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = app.Anonymous();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/regions", out _));
        // Every action the API maps — and so every page action, which calls the same service — is in the document.
        var paths = document.GetProperty("paths");
        var missing = app.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal))
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r, @"\{(\w+)(:[^}]*)?\}", "{$1}"))
            .Where(r => !paths.TryGetProperty(r, out _) && !paths.TryGetProperty(r.TrimEnd('/'), out _))
            .Distinct().ToList();
        Assert.True(missing.Count == 0, "not in OpenAPI: " + string.Join(", ", missing));
        var reference = await app.Factory.CreateClient().GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("AfterSales API", await reference.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Serve_on_a_new_SQLite_file_migrates_adds_the_demo_company_and_prints_the_URL_and_log_ins()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Db.Sqlite);
        var app = await AppProcess.StartAsync(database);
        await using (app)
        {
            using var http = new HttpClient();
            Assert.Contains("Healthy", await http.GetStringAsync(app.Url + "/health"));
            // Issue 12: Prometheus scrapes from the machine itself: request latency, and the scheduled jobs' rounds once the
            // first round (run at start) has finished.
            var metrics = await http.GetStringAsync(app.Url + "/metrics");
            for (var tries = 0; !metrics.Contains("aftersales_jobs_runs_total", StringComparison.Ordinal) && tries < 60; tries++)
            {
                await Task.Delay(500);
                metrics = await http.GetStringAsync(app.Url + "/metrics");
            }
            Assert.Contains("http_server_request_duration_seconds", metrics);
            Assert.Contains("aftersales_jobs_runs_total{", metrics);
        }
        // Read once the process has ended: everything it printed is in.
        var text = app.Output;
        Assert.Contains("demo company was added", text);
        Assert.Contains("tech01", text);
        Assert.Contains("Demo@2026", text);
    }

    [Fact]
    public async Task On_PostgreSQL_serve_refuses_an_out_of_date_schema_until_migrate_has_run()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Db.Postgres);

        var refused = await Cli.RunAsync(database, "serve", "--urls", "http://127.0.0.1:0");
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("./aftersales migrate", refused.Error);

        var migrated = await Cli.RunAsync(database, "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        Assert.Matches(@"applied [1-9]\d* migration\(s\)", migrated.Output);

        var seeded = await Cli.RunAsync(database, "seed-demo");
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        // A day of work comes with the company: tech01's next installation, two finished jobs awaiting their records, a
        // train repair at the maintenance base (its permit to work), an overdue first call; and region FJ's fourteen booked jobs
        // of the next working day for the dispatch board.
        await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var query = new Npgsql.NpgsqlCommand("""SELECT string_agg("Kind" || ':' || "State", ',' ORDER BY "Id") FROM "WorkOrders" """, connection);
            Assert.Equal("Installation:Scheduled,Repair:Completed,Maintenance:Completed,Measurement:New,Repair:Scheduled,Guidance:Scheduled,Repair:New,"
                + "Maintenance:Scheduled,Measurement:Scheduled,Maintenance:Scheduled,Repair:Scheduled,Guidance:Scheduled,Repair:Scheduled,Maintenance:Scheduled,"
                + "Measurement:Scheduled,Maintenance:Scheduled,Repair:Scheduled,Maintenance:Scheduled,Maintenance:Scheduled,Guidance:Scheduled,Measurement:Scheduled",
                await query.ExecuteScalarAsync());
        }
        var again = await Cli.RunAsync(database, "seed-demo");
        Assert.True(again.ExitCode == 2, again.ToString());

        var upToDate = await Cli.RunAsync(database, "migrate");
        Assert.Contains("schema is up to date", upToDate.Output);
    }

    [Fact]
    public async Task Every_verb_has_help()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Db.Sqlite);
        foreach (var verb in new[] { new[] { "--help" }, ["serve", "--help"], ["migrate", "--help"], ["seed-demo", "--help"], ["audit", "verify", "--help"], ["assess", "--help"], ["sms", "parse", "--help"], ["dispatch", "solve", "--help"] })
        {
            var result = await Cli.RunAsync(database, verb);
            Assert.True(result.ExitCode == 0, string.Join(' ', verb) + ": " + result);
            Assert.Contains("Usage:", result.Output);
        }
        Assert.False(Process.GetCurrentProcess().HasExited);
    }
}
