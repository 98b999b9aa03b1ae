using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Issue 5 over HTTP on both engines: policy versions (POL-1), incidents and appeals (ASM-15), the month close and statements (RNK-4).</summary>
public sealed class AssessmentTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<int> RecordAsync(HttpClient manager, int personId, string kind, string at, object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["personId"] = personId, ["kind"] = kind, ["at"] = at, ["description"] = "测试事件" };
        if (extra is not null)
            foreach (var p in extra.GetType().GetProperties()) body[p.Name] = p.GetValue(extra);
        return (await Json(await manager.PostAsJsonAsync("/api/assessment/incidents", body), HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    [Theory, BothDatabases]
    public async Task POL1_a_new_version_is_drafted_checked_submitted_and_approved_by_the_general_manager_only(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var supervision = await app.LogInAsync("supervision");
        var draft = await Json(await supervision.PostAsJsonAsync("/api/assessment/policies", new { }), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetInt32();
        Assert.Equal("Draft", draft.GetProperty("state").GetString());

        // A wrong value is refused with its field and reason; nothing changes.
        var text = draft.GetProperty("text").GetString()!;
        var bad = await supervision.PutAsJsonAsync($"/api/assessment/policies/{id}", new { text = text.Replace("      - pay: 50", "      - pay: -50"), version = 0 });
        var problem = await Json(bad, HttpStatusCode.BadRequest);
        Assert.Contains("kinds.phone_unreachable.steps[0].pay", problem.GetProperty("errors").GetProperty("Text")[0].GetString());
        var check = await Json(await supervision.PostAsJsonAsync("/api/assessment/policies/check", new { text = "bonusBas: 1" }));
        Assert.Contains("bonusBas", check[0].GetProperty("message").GetString());

        var edited = await Json(await supervision.PutAsJsonAsync($"/api/assessment/policies/{id}", new { text = text.Replace("      - pay: 50", "      - pay: 80"), version = 0 }));
        var submitted = await Json(await supervision.PostAsJsonAsync($"/api/assessment/policies/{id}/submit", new { version = edited.GetProperty("version").GetInt32() }));
        var version = submitted.GetProperty("version").GetInt32();
        var today = DateOnly.FromDateTime(app.Factory.Clock.GetUtcNow().AddHours(8).DateTime);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("fj.manager")).PostAsJsonAsync($"/api/assessment/policies/{id}/approve",
            new { effectiveFrom = today, version })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervision.PostAsJsonAsync($"/api/assessment/policies/{id}/approve", new { effectiveFrom = today, version })).StatusCode);
        var gm = await app.LogInAsync("gm");
        Assert.Equal(HttpStatusCode.BadRequest, (await gm.PostAsJsonAsync($"/api/assessment/policies/{id}/approve",
            new { effectiveFrom = today.AddDays(-1), version })).StatusCode);
        var approved = await Json(await gm.PostAsJsonAsync($"/api/assessment/policies/{id}/approve", new { effectiveFrom = today, version }));
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await supervision.PutAsJsonAsync($"/api/assessment/policies/{id}",
            new { text, version = approved.GetProperty("version").GetInt32() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("tech01")).PostAsJsonAsync("/api/assessment/policies", new { })).StatusCode);
        Assert.Contains("approved policy version", (await Assert.ThrowsAnyAsync<Exception>(() =>
            app.DbAsync(d => d.Database.ExecuteSqlRawAsync("UPDATE \"PolicyVersions\" SET \"Text\" = 'x' WHERE \"Id\" = {0}", id)))).Message);

        // An incident is judged by the version in force when it happened: yesterday the shipped one, today the new one.
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var now = app.Factory.Clock.GetUtcNow();
        var before = await RecordAsync(manager, tech01, "phone_unreachable", now.AddDays(-1).ToString("O"));
        var after = await RecordAsync(manager, tech01, "phone_unreachable", now.AddMinutes(-1).ToString("O"));
        var number = approved.GetProperty("number").GetInt32().ToString();
        var lineBefore = (await manager.GetFromJsonAsync<JsonElement>($"/api/assessment/incidents/{before}")).GetProperty("lines")[0];
        var lineAfter = (await manager.GetFromJsonAsync<JsonElement>($"/api/assessment/incidents/{after}")).GetProperty("lines")[0];
        Assert.Equal((50m, "0"), (lineBefore.GetProperty("amount").GetDecimal(), lineBefore.GetProperty("policyVersion").GetString()));
        Assert.Equal((80m, number), (lineAfter.GetProperty("amount").GetDecimal(), lineAfter.GetProperty("policyVersion").GetString()));
    }

    [Theory, BothDatabases]
    public async Task ASM_incidents_are_recorded_by_managers_of_the_persons_region_and_refused_when_the_rules_cannot_judge_them(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var id = await RecordAsync(manager, tech01, "complaint_attitude", "2026-10-05T10:00:00+08:00");
        var incident = await manager.GetFromJsonAsync<JsonElement>($"/api/assessment/incidents/{id}");
        Assert.Equal(("态度投诉", 100m, "bonus"), (incident.GetProperty("kindTitle").GetString(), incident.GetProperty("lines")[0].GetProperty("amount").GetDecimal(),
            incident.GetProperty("lines")[0].GetProperty("pot").GetString()));

        var outOfRange = await manager.PostAsJsonAsync("/api/assessment/incidents",
            new { personId = tech01, kind = "leaving_post", at = "2026-10-06T10:00:00+08:00", description = "擅离岗位", amount = 800 });
        var problem = await Json(outOfRange, HttpStatusCode.BadRequest);
        Assert.Equal("金额必须在 100 元到 500 元之间。", problem.GetProperty("errors").GetProperty("Amount")[0].GetString());

        var gdTech = await app.StaffIdAsync("tech06");
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync("/api/assessment/incidents",
            new { personId = gdTech, kind = "gps_anomaly", at = "2026-10-06T10:00:00+08:00", description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("tech02")).PostAsJsonAsync("/api/assessment/incidents",
            new { personId = tech01, kind = "gps_anomaly", at = "2026-10-06T10:00:00+08:00", description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/api/assessment/incidents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager")).GetAsync($"/api/assessment/incidents/{id}")).StatusCode);
        Assert.Equal(1, (await (await app.LogInAsync("tech01")).GetFromJsonAsync<JsonElement>("/api/assessment/incidents")).GetProperty("total").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task ASM15_the_technician_appeals_the_supervision_department_decides_and_an_upheld_appeal_reverses_the_incident(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var id = await RecordAsync(manager, tech01, "complaint_attitude", "2026-10-05T10:00:00+08:00");
        await RecordAsync(manager, tech01, "complaint_attitude", "2026-10-15T10:00:00+08:00");

        var technician = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/assessment/incidents/{id}/appeal", new { reason = "x" })).StatusCode);
        var appealed = await Json(await technician.PostAsJsonAsync($"/api/assessment/incidents/{id}/appeal", new { reason = "客户投诉的是另一位师傅" }));
        Assert.Equal("Appealed", appealed.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await technician.PostAsJsonAsync($"/api/assessment/incidents/{id}/appeal", new { reason = "再次" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync($"/api/assessment/incidents/{id}/appeal-decision", new { upheld = true, note = "x" })).StatusCode);

        var statement = await technician.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-10/statements/{tech01}");
        Assert.Equal(300m, statement.GetProperty("bonusDeductions").GetDecimal()); // 100 + 200 while the appeal waits

        var supervision = await app.LogInAsync("supervision");
        var decided = await Json(await supervision.PostAsJsonAsync($"/api/assessment/incidents/{id}/appeal-decision", new { upheld = true, note = "经回访核实，非本人" }));
        Assert.Equal("AppealUpheld", decided.GetProperty("state").GetString());
        statement = await technician.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-10/statements/{tech01}");
        // The reversed complaint is gone, so the other one is now the first of the month: 100.
        Assert.Equal(100m, statement.GetProperty("bonusDeductions").GetDecimal());
        Assert.Equal("本月第 1 次态度投诉", statement.GetProperty("lines")[0].GetProperty("reason").GetString());
    }

    [Theory, BothDatabases]
    public async Task ASM1_the_close_puts_a_managers_own_incidents_and_their_peoples_co_penalties_on_one_statement(Db db)
    {
        // The close settles team by team: the manager once their people are judged, the general manager once the
        // manager is. A manager settled too early would make the close fail on the next co-penalty.
        await using var app = await TestApp.StartAsync(db);
        var supervision = await app.LogInAsync("supervision");
        var (tech01, tech02, fjManager, gm) = (await app.StaffIdAsync("tech01"), await app.StaffIdAsync("tech02"),
            await app.StaffIdAsync("fj.manager"), await app.StaffIdAsync("gm"));
        await RecordAsync(supervision, fjManager, "gps_anomaly", "2026-10-04T10:00:00+08:00");
        await RecordAsync(supervision, tech01, "gps_anomaly", "2026-10-05T10:00:00+08:00");
        await RecordAsync(supervision, tech02, "gps_anomaly", "2026-10-06T10:00:00+08:00");
        var finance = await app.LogInAsync("finance");
        await Json(await finance.PostAsync("/api/assessment/months/2026-10/close", null));

        async Task<List<(int Day, decimal Amount)>> AnomaliesAsync(int staffId) =>
            [.. (await finance.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-10/statements/{staffId}")).GetProperty("lines")
                .EnumerateArray().Where(l => l.GetProperty("kind").GetString() == "gps_anomaly")
                .Select(l => (l.GetProperty("at").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).Day, l.GetProperty("amount").GetDecimal()))];
        // 林海: his own 20 and 10 for each of his two technicians; the general manager: 10 for 林海's.
        Assert.Equal([(4, 20m), (5, 10m), (6, 10m)], await AnomaliesAsync(fjManager));
        Assert.Equal([(4, 10m)], await AnomaliesAsync(gm));
        Assert.Equal([(5, 20m)], await AnomaliesAsync(tech01));
        var totals = await app.DbAsync(d => d.MonthStatements.Where(m => m.Year == 2026 && m.Month == 10).GroupBy(m => m.StaffId)
            .Select(g => new { g.Key, Count = g.Count(), Pay = g.Sum(m => m.PayDeductions) }).ToListAsync());
        Assert.All(totals, t => Assert.Equal(1, t.Count));
        Assert.Equal((40m, 10m), (totals.Single(t => t.Key == fjManager).Pay, totals.Single(t => t.Key == gm).Pay));
    }

    [Theory, BothDatabases]
    public async Task ASM15_RNK4_closing_a_month_fixes_its_statements_once_and_later_corrections_land_in_the_next_month(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var managerId = await app.StaffIdAsync("fj.manager");
        var complaint = await RecordAsync(manager, tech01, "complaint_attitude", "2026-10-05T10:00:00+08:00");
        await RecordAsync(manager, tech01, "gps_anomaly", "2026-10-06T10:00:00+08:00");
        await RecordAsync(manager, tech01, "part_not_returned", "2026-10-07T10:00:00+08:00", new { amount = 350.5m });
        // Recorded two days before the close: a later close takes them as judged without looking them up on the ledger.
        app.Factory.Clock.Advance(TimeSpan.FromDays(2));
        manager = await app.LogInAsync("fj.manager"); // sessions last 12 hours

        var finance = await app.LogInAsync("finance");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/assessment/months/2026-10/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsync("/api/assessment/months/2099-01/close", null)).StatusCode);
        // Two closes at once (two instances behind a balancer): one closes, the other is refused.
        var closes = await Task.WhenAll(finance.PostAsync("/api/assessment/months/2026-10/close", null),
            (await app.LogInAsync("supervision")).PostAsync("/api/assessment/months/2026-10/close", null));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], closes.Select(c => c.StatusCode).Order());
        Assert.Equal(HttpStatusCode.Conflict, (await finance.PostAsync("/api/assessment/months/2026-10/close", null)).StatusCode);
        Assert.Equal(1, await app.DbAsync(d => d.MonthCloses.CountAsync()));

        // 1000 − (100 + 100) − (20 + 350.50) − 300 = 129.50: the incidents, and the very last place of the ranking (RNK-2), since
        // nobody else did anything that month; the manager pays 10 for the GPS anomaly.
        var statement = await (await app.LogInAsync("tech01")).GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-10/statements/{tech01}");
        Assert.True(statement.GetProperty("closed").GetBoolean());
        Assert.Equal((200m, 670.5m, 129.5m), (statement.GetProperty("bonusDeductions").GetDecimal(), statement.GetProperty("payDeductions").GetDecimal(),
            statement.GetProperty("net").GetDecimal()));
        Assert.Equal((10, 10), (statement.GetProperty("rank").GetInt32(), statement.GetProperty("ranked").GetInt32()));
        Assert.All(statement.GetProperty("lines").EnumerateArray(), l => Assert.Equal("0", l.GetProperty("policyVersion").GetString()));
        // RNK-1: location 100 − 10 (the anomaly) = 90, work 0 (nobody worked), feedback 80 (no survey), complaints 100 − 33.33,
        // incidents 100 − 2 × 10 → (20·90 + 30·0 + 25·80 + 10·66.67 + 15·80) / 100 = 56.67
        Assert.Equal("综合评比倒数第 1 名（56.67 分）", statement.GetProperty("lines").EnumerateArray().Last().GetProperty("reason").GetString());
        var month = await finance.GetFromJsonAsync<JsonElement>("/api/assessment/months/2026-10");
        Assert.Equal(990m, month.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("staffId").GetInt32() == managerId).GetProperty("net").GetDecimal());
        // The top three of the ties (fewer incidents, then staff number: tech02, tech03, tech04) get 300 / 200 / 100.
        var tech02 = month.GetProperty("statements").EnumerateArray().Single(s => s.GetProperty("staffId").GetInt32() == tech01 + 1);
        Assert.Equal((1, 1300m), (tech02.GetProperty("rank").GetInt32(), tech02.GetProperty("net").GetDecimal()));
        Assert.Equal(5 + 6, await app.DbAsync(d => d.StatementLines.CountAsync(l => l.Year == 2026 && l.Month == 10)));

        // After the close: a late incident of October and an appeal upheld on October's complaint land in November, pointing back.
        await RecordAsync(manager, tech01, "daily_report_missing", "2026-10-30T18:00:00+08:00");
        var technician = await app.LogInAsync("tech01");
        await technician.PostAsJsonAsync($"/api/assessment/incidents/{complaint}/appeal", new { reason = "不是我" });
        await (await app.LogInAsync("supervision")).PostAsJsonAsync($"/api/assessment/incidents/{complaint}/appeal-decision", new { upheld = true, note = "属实" });
        var october = await technician.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-10/statements/{tech01}");
        Assert.Equal(129.5m, october.GetProperty("net").GetDecimal()); // a closed month never changes

        app.Factory.Clock.Advance(TimeSpan.FromDays(40));
        (finance, technician) = (await app.LogInAsync("finance"), await app.LogInAsync("tech01")); // sessions of last month have expired
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync("/api/assessment/months/2026-11/close", null)).StatusCode);
        var november = await technician.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-11/statements/{tech01}");
        var lines = november.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("rule").GetString() != "RNK-2").ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("2026-10", l.GetProperty("corrects").GetString()));
        // 20 for the late report, 100 back for the complaint; in a quiet November tech01 (S013) leads the tie and gets 300.
        Assert.Equal((20m, 400m), (november.GetProperty("bonusDeductions").GetDecimal(), november.GetProperty("rewards").GetDecimal()));
        Assert.Equal(1380m, november.GetProperty("net").GetDecimal());
        // December's close finds the late report on November's ledger and does not judge it again.
        app.Factory.Clock.Advance(TimeSpan.FromDays(31));
        (finance, technician) = (await app.LogInAsync("finance"), await app.LogInAsync("tech01"));
        Assert.Equal(HttpStatusCode.OK, (await finance.PostAsync("/api/assessment/months/2026-12/close", null)).StatusCode);
        var december = await technician.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-12/statements/{tech01}");
        Assert.DoesNotContain(december.GetProperty("lines").EnumerateArray(), l => l.GetProperty("rule").GetString() != "RNK-2");

        // The ledger is append-only in the database itself, whatever code or person tries.
        Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<Exception>(() =>
            app.DbAsync(d => d.Database.ExecuteSqlRawAsync("UPDATE \"StatementLines\" SET \"Amount\" = 0")))).Message);
        Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<Exception>(() =>
            app.DbAsync(d => d.Database.ExecuteSqlRawAsync("DELETE FROM \"MonthStatements\"")))).Message);
    }

    [Theory, BothDatabases]
    public async Task ASM0_a_close_counts_each_ladder_over_its_own_period_however_far_back_that_goes(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        // ASM-7 is counted over the whole employment: a false claim a year and a half before October's makes that one the 2nd.
        await RecordAsync(manager, tech01, "expense_false_claim", "2025-03-10T10:00:00+08:00", new { amount = 100m });
        await RecordAsync(manager, tech01, "complaint_attitude", "2026-06-05T10:00:00+08:00");
        var finance = await app.LogInAsync("finance");
        await Json(await finance.PostAsync("/api/assessment/months/2026-06/close", null));
        // After June's close: a late complaint of June (June's 2nd), then October's own incidents. July to September stay open.
        app.Factory.Clock.Advance(TimeSpan.FromDays(2));
        (manager, finance) = (await app.LogInAsync("fj.manager"), await app.LogInAsync("finance"));
        await RecordAsync(manager, tech01, "complaint_attitude", "2026-06-20T10:00:00+08:00");
        await RecordAsync(manager, tech01, "complaint_attitude", "2026-10-05T10:00:00+08:00");
        await RecordAsync(manager, tech01, "expense_false_claim", "2026-10-08T10:00:00+08:00", new { amount = 50m });
        async Task<int> ListedLinesAsync() => (await finance.GetFromJsonAsync<JsonElement>("/api/assessment/months/2026-10")).GetProperty("statements")
            .EnumerateArray().Single(s => s.GetProperty("staffId").GetInt32() == tech01).GetProperty("lines").GetInt32();
        var listedOpen = await ListedLinesAsync();
        await Json(await finance.PostAsync("/api/assessment/months/2026-10/close", null));

        var october = await finance.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-10/statements/{tech01}");
        // The month's list counts the lines the statement has, before the close (judged live) and after it (from the ledger).
        Assert.Equal((october.GetProperty("lines").GetArrayLength(), october.GetProperty("lines").GetArrayLength()), (listedOpen, await ListedLinesAsync()));
        var lines = october.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("rule").GetString() != "RNK-2")
            .Select(l => (Kind: l.GetProperty("kind").GetString(), At: l.GetProperty("at").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).Day,
                Amount: l.GetProperty("amount").GetDecimal(), Pot: l.GetProperty("pot").GetString(), Corrects: l.GetProperty("corrects").GetString()))
            .ToList();
        Assert.Equal([
            // June's 2nd complaint: 200 (its 1st was judged by June's close), on October's statement, pointing back to June.
            ("complaint_attitude", 20, 200m, "bonus", "2026-06"),
            // October's 1st complaint: 100.
            ("complaint_attitude", 5, 100m, "bonus", null),
            // The 2nd false claim of the employment: the whole bonus, and ten times the false amount from pay.
            ("expense_false_claim", 8, 0m, "bonus", null),
            ("expense_false_claim", 8, 500m, "pay", null),
        ], lines.OrderBy(l => l.Kind).ThenBy(l => l.Corrects is null).ThenBy(l => l.Pot).ToList());
        Assert.True(october.GetProperty("bonusForfeited").GetBoolean());
    }

    [Theory, BothDatabases]
    public async Task ASM15_a_month_nobody_closed_is_closed_by_the_schedule_on_its_day_once(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var china = TimeSpan.FromHours(8);
        var now = app.Factory.Clock.GetUtcNow().ToOffset(china);
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, china);
        var at = now.AddMinutes(-1) < thisMonth ? thisMonth : now.AddMinutes(-1); // this month, not in the future
        await RecordAsync(manager, tech01, "complaint_attitude", at.ToString("O"));
        var monthText = thisMonth.ToString("yyyy-MM");

        async Task<string?> RunAsync()
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AfterSales.Features.Assessment.ScheduledMonthClose>().RunAsync();
        }

        // Default: the 5th of the following month from 02:00. The 4th, and the 5th at 01:59, are too early.
        var nextMonth = thisMonth.AddMonths(1);
        app.Factory.Clock.SetUtcNow(nextMonth.AddDays(3).AddHours(23));
        Assert.Null(await RunAsync());
        app.Factory.Clock.SetUtcNow(nextMonth.AddDays(4).AddHours(1).AddMinutes(59));
        Assert.Null(await RunAsync());
        Assert.Equal(0, await app.DbAsync(d => d.MonthCloses.CountAsync()));

        app.Factory.Clock.SetUtcNow(nextMonth.AddDays(4).AddHours(2));
        // Two instances' rounds at the same moment: one closes, the other finds it closed.
        var rounds = await Task.WhenAll(RunAsync(), RunAsync());
        Assert.Equal([null, monthText], rounds.Order());
        Assert.Null(await RunAsync());
        var close = await app.DbAsync(d => d.MonthCloses.SingleAsync());
        Assert.Equal((now.Year, now.Month, (int?)null), (close.Year, close.Month, close.ClosedById));

        var statement = await (await app.LogInAsync("tech01")).GetFromJsonAsync<JsonElement>($"/api/assessment/months/{monthText}/statements/{tech01}");
        Assert.True(statement.GetProperty("closed").GetBoolean());
        Assert.Equal(100m, statement.GetProperty("bonusDeductions").GetDecimal());
        var page = await (await app.LogInAsync("finance")).GetStringAsync($"/Assessment?month={monthText}");
        Assert.Contains("由 系统（定时月结） 月结", page);
    }

    [Theory, BothDatabases]
    public async Task RNK4_the_month_exports_to_Excel_with_Chinese_headers(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        await RecordAsync(manager, await app.StaffIdAsync("tech01"), "complaint_attitude", "2026-10-05T10:00:00+08:00");
        var response = await manager.GetAsync("/api/assessment/months/2026-10/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(5, rows.Count); // FJ's five technicians
        var row = rows.Single(r => (string?)r["姓名"] == "张伟");
        // 1000 − 100 for the complaint − 300 as the month's very last (RNK-2).
        Assert.Equal(("2026-10", 1000d, 100d, 300d, 600d), ((string?)row["月份"], Convert.ToDouble(row["考核奖金基数"]), Convert.ToDouble(row["扣考核奖金"]),
            Convert.ToDouble(row["工资扣款"]), Convert.ToDouble(row["合计"])));
        Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync("tech01")).GetAsync($"/api/assessment/months/2026-10/statements/{await app.StaffIdAsync("tech01")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/api/assessment/months/2026-10/statements/{await app.StaffIdAsync("tech01")}")).StatusCode);
    }
    [Theory, BothDatabases]
    public async Task ASM14_the_close_lowers_the_skill_level_after_the_third_rework_on_one_kind_and_audits_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech02 = await app.StaffIdAsync("tech02");
        var before = await app.DbAsync(d => d.Staff.Where(s => s.Id == tech02).Select(s => new { s.SkillLevel, s.Version }).SingleAsync());
        var (levelBefore, versionBefore) = (before.SkillLevel, before.Version);
        foreach (var (day, cause) in new[] { (3, "密封圈老化"), (12, "接线松动"), (20, "压缩机过热") })
            await RecordAsync(manager, tech02, "repair_redone", $"2026-10-{day:00}T10:00:00+08:00",
                new { equipmentKind = "空调机组", cause, repairClass = "minor" });

        var finance = await app.LogInAsync("finance");
        await Json(await finance.PostAsync("/api/assessment/months/2026-10/close", null));

        var statement = await finance.GetFromJsonAsync<JsonElement>($"/api/assessment/months/2026-10/statements/{tech02}");
        Assert.Equal(-1, statement.GetProperty("skillLevelChange").GetInt32());
        var after = await app.DbAsync(d => d.Staff.Where(s => s.Id == tech02).Select(s => new { s.SkillLevel, s.Version }).SingleAsync());
        Assert.Equal((levelBefore - 1, versionBefore + 1), (after.SkillLevel, after.Version));
        var change = await app.DbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Staff" && a.EntityId == tech02.ToString())
            .OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal(AfterSales.Domain.Audit.AuditAction.Update, change.Action);
        Assert.Equal(("SkillLevel", levelBefore.ToString(), (levelBefore - 1).ToString()),
            Assert.Single(AfterSales.Features.Audit.HistoryViewComponent.Changes(change)));
        Assert.True((await app.DbAsync(d => new AfterSales.Features.Audit.AuditChain(d).VerifyAsync())).Intact);
    }
}
