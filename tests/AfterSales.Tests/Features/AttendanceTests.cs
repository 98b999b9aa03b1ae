using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.Attendance;
using AfterSales.Features.Attendance;
using AfterSales.Infrastructure;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Issue 6 (location checks and phone reachability) over HTTP on both engines: ATT-1, ATT-2, ASM-1…ASM-6.</summary>
public sealed class AttendanceTests
{
    // Working-hours slots are left out (a slot longer than any day) so that only the rule under test finds anything,
    // whatever the time of day the test runs at.
    private static readonly Dictionary<string, string> OnlyCheckIns = new() { ["Attendance:NoPositionMinutes"] = "100000" };

    [Theory, BothDatabases]
    public async Task ATT1_a_technician_posts_a_batch_of_own_positions_and_they_are_stored(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var tech01 = await app.StaffIdAsync("tech01");
        var now = app.Factory.Clock.GetUtcNow();
        var response = await tech.PostAsJsonAsync("/api/positions", new
        {
            positions = new[]
            {
                new { at = now.AddMinutes(-2), lat = 24.48, lng = 118.09, accuracy = 12.5 },
                new { at = now.AddMinutes(-1), lat = 24.481, lng = 118.091, accuracy = 8.0 },
                new { at = now, lat = 24.482, lng = 118.092, accuracy = 5.0 },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("stored").GetInt32());
        var stored = await app.DbAsync(d => d.Positions.OrderBy(p => p.At).ToListAsync());
        Assert.Equal(3, stored.Count);
        Assert.All(stored, p => Assert.Equal(tech01, p.StaffId));
        Assert.Equal((24.481, 118.091, 8.0), (stored[1].Latitude, stored[1].Longitude, stored[1].AccuracyMeters));

        // Naming oneself is fine too.
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync("/api/positions",
            new { staffId = tech01, positions = new[] { new { at = now, lat = 24.5, lng = 118.1, accuracy = 5.0 } } })).StatusCode);
        Assert.Equal(4, await app.DbAsync(d => d.Positions.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task ATT1_positions_of_another_technician_or_bad_positions_are_refused_and_nothing_is_stored(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var tech02 = await app.StaffIdAsync("tech02");
        var now = app.Factory.Clock.GetUtcNow();

        var someoneElse = await tech.PostAsJsonAsync("/api/positions",
            new { staffId = tech02, positions = new[] { new { at = now, lat = 24.48, lng = 118.09, accuracy = 5.0 } } });
        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);

        var bad = await tech.PostAsJsonAsync("/api/positions", new
        {
            positions = new[]
            {
                new { at = now, lat = 24.48, lng = 118.09, accuracy = 5.0 },
                new { at = now, lat = 95.0, lng = 118.09, accuracy = 5.0 },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("纬度须在 -90 到 90 之间。", problem.GetProperty("errors").GetProperty("positions[1].lat")[0].GetString());

        var future = await tech.PostAsJsonAsync("/api/positions", new { positions = new[] { new { at = now.AddHours(1), lat = 24.48, lng = 118.09, accuracy = 5.0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("positions[0].at", out _));

        var empty = await tech.PostAsJsonAsync("/api/positions", new { positions = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        Assert.Equal(0, await app.DbAsync(d => d.Positions.CountAsync()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/positions",
            new { positions = new[] { new { at = now, lat = 24.48, lng = 118.09, accuracy = 5.0 } } })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task ASM1_a_check_in_5_km_from_the_site_is_a_gps_anomaly_of_20_with_the_managers_10_on_the_month_statement(Db db)
    {
        await using var app = await TestApp.StartAsync(db, OnlyCheckIns);
        var (tech01, manager) = await TechnicianAndManagerAsync(app);
        await CheckInFarAsync(app);

        var result = await RunDetectorAsync(app);
        Assert.Equal(1, result.Raised);
        var anomaly = await app.DbAsync(d => d.LocationAnomalies.Include(a => a.Incident).SingleAsync());
        Assert.Equal((AnomalyRule.CheckInFarFromSite, tech01, false), (anomaly.Rule, anomaly.StaffId, anomaly.Waived));
        Assert.InRange(anomaly.MetersAway!.Value, 4500, 5500);
        Assert.Equal(("gps_anomaly", "location", null, manager), (anomaly.Incident!.Kind, anomaly.Incident.Source, anomaly.Incident.RecordedById,
            anomaly.Incident.ManagerId));

        var month = Month(app, anomaly.At);
        var boss = await app.LogInAsync("fj.manager");
        var statement = await boss.GetFromJsonAsync<JsonElement>($"/api/assessment/months/{month}/statements/{tech01}");
        var line = Assert.Single(statement.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "gps_anomaly");
        Assert.Equal((20m, "pay"), (line.GetProperty("amount").GetDecimal(), line.GetProperty("pot").GetString()));
        var managers = await boss.GetFromJsonAsync<JsonElement>($"/api/assessment/months/{month}/statements/{manager}");
        var coPenalty = Assert.Single(managers.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "gps_anomaly");
        Assert.Equal(10m, coPenalty.GetProperty("amount").GetDecimal());

        // The manager sees it on today's list of their region.
        var today = await boss.GetFromJsonAsync<JsonElement>("/api/attendance/today?day=" + Day(app, anomaly.At));
        Assert.Contains(today.GetProperty("anomalies").EnumerateArray(), a => a.GetProperty("staffId").GetInt32() == tech01);
    }

    [Theory, BothDatabases]
    public async Task ASM6_an_anomaly_inside_a_special_case_reported_in_advance_is_recorded_but_waived(Db db)
    {
        await using var app = await TestApp.StartAsync(db, OnlyCheckIns);
        var (tech01, manager) = await TechnicianAndManagerAsync(app);
        var now = app.Factory.Clock.GetUtcNow();
        var supervision = await app.LogInAsync("supervision");
        var reported = await supervision.PostAsJsonAsync("/api/attendance/special-cases",
            new { staffId = tech01, from = now.AddMinutes(-10), to = now.AddHours(8), reason = "去漳州仓库取配件" });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        // A manager cannot record one: the supervision department does (ASM-6).
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("fj.manager")).PostAsJsonAsync("/api/attendance/special-cases",
            new { staffId = tech01, from = now, to = now.AddHours(1), reason = "x" })).StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        await CheckInFarAsync(app);
        var result = await RunDetectorAsync(app);
        Assert.Equal((1, 1), (result.Raised, result.Waived));
        var anomaly = await app.DbAsync(d => d.LocationAnomalies.Include(a => a.Incident).SingleAsync());
        Assert.NotNull(anomaly.SpecialCaseId);
        Assert.True(anomaly.Incident!.Waived);
        Assert.Equal("事先报备的特殊情况：去漳州仓库取配件", anomaly.Incident.WaiverReason);

        var month = Month(app, anomaly.At);
        var boss = await app.LogInAsync("fj.manager");
        var statement = await boss.GetFromJsonAsync<JsonElement>($"/api/assessment/months/{month}/statements/{tech01}");
        Assert.DoesNotContain(statement.GetProperty("lines").EnumerateArray(),
            l => l.GetProperty("kind").GetString() == "gps_anomaly" && l.GetProperty("amount").GetDecimal() != 0);
        var managers = await boss.GetFromJsonAsync<JsonElement>($"/api/assessment/months/{month}/statements/{manager}");
        Assert.DoesNotContain(managers.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() == "gps_anomaly");
        // Nothing stops the month from closing: the waiver needs no evidence file for a GPS anomaly.
        var incident = await boss.GetFromJsonAsync<JsonElement>($"/api/assessment/incidents/{anomaly.IncidentId}");
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("problem").ValueKind);
        Assert.DoesNotContain(incident.GetProperty("lines").EnumerateArray(), l => l.GetProperty("amount").GetDecimal() != 0);
    }

    [Theory, BothDatabases]
    public async Task ATT1_a_special_case_recorded_after_the_anomaly_does_not_waive_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db, OnlyCheckIns);
        var (tech01, _) = await TechnicianAndManagerAsync(app);
        await CheckInFarAsync(app);
        var now = app.Factory.Clock.GetUtcNow();
        app.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var supervision = await app.LogInAsync("supervision");
        Assert.Equal(HttpStatusCode.Created, (await supervision.PostAsJsonAsync("/api/attendance/special-cases",
            new { staffId = tech01, from = now.AddHours(-1), to = now.AddHours(8), reason = "事后补报" })).StatusCode);
        await RunDetectorAsync(app);
        var anomaly = await app.DbAsync(d => d.LocationAnomalies.Include(a => a.Incident).SingleAsync());
        Assert.False(anomaly.Incident!.Waived);
    }

    [Theory, BothDatabases]
    public async Task ATT1_the_check_verb_can_be_rerun_without_raising_anything_twice(Db db)
    {
        await using var app = await TestApp.StartAsync(db, OnlyCheckIns);
        await CheckInFarAsync(app);
        var day = Day(app, app.Factory.Clock.GetUtcNow());

        var first = await Cli.RunAsync(app.Database, "attendance", "check", "--date", day);
        Assert.True(first.ExitCode == 0, first.ToString());
        var counts = await app.DbAsync(async d => (await d.LocationAnomalies.CountAsync(), await d.Incidents.CountAsync(i => i.Source == "location"),
            await d.LocationAnomalies.CountAsync(a => a.Rule == AnomalyRule.CheckInFarFromSite)));
        Assert.Equal(1, counts.Item3);
        Assert.Equal(counts.Item1, counts.Item2);

        var second = await Cli.RunAsync(app.Database, "attendance", "check", "--date", day);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(counts, await app.DbAsync(async d => (await d.LocationAnomalies.CountAsync(), await d.Incidents.CountAsync(i => i.Source == "location"),
            await d.LocationAnomalies.CountAsync(a => a.Rule == AnomalyRule.CheckInFarFromSite))));
        var again = await RunDetectorAsync(app);
        Assert.Equal(0, again.Raised);
        Assert.Equal(1, await app.DbAsync(d => d.LocationAnomalies.CountAsync(a => a.Rule == AnomalyRule.CheckInFarFromSite)));

        var badDate = await Cli.RunAsync(app.Database, "attendance", "check", "--date", "28.11.2026");
        Assert.Equal(2, badDate.ExitCode);
    }

    [Theory, BothDatabases]
    public async Task ATT1_no_position_is_an_anomaly_only_for_a_technician_on_field_duty_that_day(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var local = scope.ServiceProvider.GetRequiredService<LocalTime>();
        // A past Wednesday whose working hours are over: nobody sent a position, and nobody had work booked or left for a job.
        var day = local.Today.AddDays(-7);
        while (day.DayOfWeek != DayOfWeek.Wednesday) day = day.AddDays(-1);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<AfterSales.Features.Schedule.Availability>().OnFieldDutyAsync(day));

        var result = await scope.ServiceProvider.GetRequiredService<AnomalyDetector>().RunAsync(day);

        Assert.Equal(0, result.Found);
        Assert.Equal(0, await app.DbAsync(d => d.LocationAnomalies.CountAsync(a => a.Rule == AnomalyRule.NoPosition)));
    }

    [Theory, BothDatabases]
    public async Task ASM2_a_suspension_restored_within_2_hours_costs_20(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var recorded = await RecordPhoneAsync(app, new { staffId = tech01, kind = "Suspended", at = app.Factory.Clock.GetUtcNow(), note = "欠费" });
        Assert.Equal(JsonValueKind.Null, recorded.GetProperty("incidentId").ValueKind); // the amount is not known yet
        Assert.Equal(0, await SettleAsync(app)); // the deadline has not passed

        app.Factory.Clock.Advance(TimeSpan.FromHours(1));
        var restored = await RestoreAsync(app, recorded, app.Factory.Clock.GetUtcNow());
        Assert.Equal(20m, await AmountAsync(app, restored));
        Assert.Equal(0, await SettleAsync(app));
    }

    [Theory, BothDatabases]
    public async Task ASM2_a_suspension_restored_after_3_hours_costs_100(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var recorded = await RecordPhoneAsync(app, new { staffId = tech01, kind = "Suspended", at = app.Factory.Clock.GetUtcNow() });
        app.Factory.Clock.Advance(TimeSpan.FromHours(3));
        var restored = await RestoreAsync(app, recorded, app.Factory.Clock.GetUtcNow());
        Assert.Equal(100m, await AmountAsync(app, restored));
    }

    [Theory, BothDatabases]
    public async Task ASM2_a_suspension_not_restored_when_the_deadline_passes_costs_100_and_a_late_restoration_is_recorded_on_the_incident(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var recorded = await RecordPhoneAsync(app, new { staffId = tech01, kind = "Suspended", at = app.Factory.Clock.GetUtcNow() });
        app.Factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await SettleAsync(app));
        Assert.Equal(0, await SettleAsync(app)); // a rerun raises nothing more
        var boss = await app.LogInAsync("fj.manager");
        var settled = await boss.GetFromJsonAsync<JsonElement>($"/api/attendance/phone-events/{recorded.GetProperty("id").GetInt32()}");
        Assert.Equal(100m, await AmountAsync(app, settled));

        app.Factory.Clock.Advance(TimeSpan.FromHours(1));
        var restoredAt = app.Factory.Clock.GetUtcNow();
        var restored = await RestoreAsync(app, settled, restoredAt);
        Assert.Equal(100m, await AmountAsync(app, restored));
        var incidentId = restored.GetProperty("incidentId").GetInt32();
        Assert.Equal(restoredAt.UtcTicks / 10, (await app.DbAsync(d => d.Incidents.SingleAsync(i => i.Id == incidentId))).RestoredAt!.Value.UtcTicks / 10);
        Assert.Equal(1, await app.DbAsync(d => d.Incidents.CountAsync(i => i.Source == "phone")));
    }

    [Theory, BothDatabases]
    public async Task ASM4_a_lost_phone_verified_and_restored_after_30_hours_costs_200_and_a_false_report_500(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var tech02 = await app.StaffIdAsync("tech02");
        var now = app.Factory.Clock.GetUtcNow();
        var lost = await RecordPhoneAsync(app, new { staffId = tech01, kind = "Lost", at = now.AddHours(-31), restoredAt = now.AddHours(-1), note = "手机丢失，已报告" });
        Assert.Equal(200m, await AmountAsync(app, lost));

        var falseReport = await RecordPhoneAsync(app, new { staffId = tech02, kind = "Lost", at = now.AddHours(-2), falseReport = true });
        Assert.Equal(500m, await AmountAsync(app, falseReport));
        app.Factory.Clock.Advance(TimeSpan.FromHours(30));
        Assert.Equal(0, await SettleAsync(app)); // a false report waits for no restoration
        Assert.Equal(500m, await AmountAsync(app, falseReport));

        // Unreachable: 50 at once (ASM-3); there is nothing to restore.
        var unreachable = await RecordPhoneAsync(app, new { staffId = tech02, kind = "Unreachable", at = app.Factory.Clock.GetUtcNow().AddMinutes(-30) });
        Assert.Equal(50m, await AmountAsync(app, unreachable));
        var boss = await app.LogInAsync("fj.manager");
        var refused = await boss.PostAsJsonAsync($"/api/attendance/phone-events/{unreachable.GetProperty("id").GetInt32()}/restoration",
            new { restoredAt = app.Factory.Clock.GetUtcNow(), version = unreachable.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_manager_of_another_region_gets_404_on_these_technicians(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var recorded = await RecordPhoneAsync(app, new { staffId = tech01, kind = "Suspended", at = app.Factory.Clock.GetUtcNow() });
        var id = recorded.GetProperty("id").GetInt32();
        var other = await app.LogInAsync("gd.manager");
        var now = app.Factory.Clock.GetUtcNow();

        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/attendance/phone-events", new { staffId = tech01, kind = "Unreachable", at = now })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/attendance/phone-events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/attendance/phone-events/{id}/restoration", new { restoredAt = now, version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/attendance/anomalies?staffId={tech01}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/attendance/phone-events?staffId={tech01}")).StatusCode);
        var today = await other.GetFromJsonAsync<JsonElement>("/api/attendance/today");
        Assert.DoesNotContain(today.GetProperty("technicians").EnumerateArray(), t => t.GetProperty("staffId").GetInt32() == tech01);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/attendance/phone-events")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Attendance/Phone?staffId={tech01}")).StatusCode);
        // Technicians see none of it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("tech02")).GetAsync("/api/attendance/today")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task ATT2_ASM6_the_pages_record_phone_events_restorations_and_special_cases(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech01 = await app.StaffIdAsync("tech01");
        var local = app.Factory.Services.GetRequiredService<LocalTime>();
        var at = local.ToLocal(app.Factory.Clock.GetUtcNow()).AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var boss = await app.LogInAsync("fj.manager");
        var posted = await TestApp.PostFormAsync(boss, "/Attendance/Phone", new Dictionary<string, string>
        {
            ["Input.StaffId"] = tech01.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Kind"] = "Suspended", ["Input.At"] = at,
            ["Input.Note"] = "欠费停机",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var phoneEvent = await app.DbAsync(d => d.PhoneEvents.SingleAsync());
        Assert.Equal((tech01, PhoneEventKind.Suspended, null), (phoneEvent.StaffId, phoneEvent.Kind, phoneEvent.IncidentId));
        var page = await boss.GetStringAsync("/Attendance/Phone");
        Assert.Contains("须在", page);

        var restoredAt = local.ToLocal(app.Factory.Clock.GetUtcNow()).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var restored = await TestApp.PostFormAsync(boss, "/Attendance/Phone", new Dictionary<string, string>
        {
            ["id"] = phoneEvent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = "0", ["restoredAt"] = restoredAt,
        }, "/Attendance/Phone?handler=Restored");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.NotNull((await app.DbAsync(d => d.PhoneEvents.SingleAsync())).IncidentId);

        // A bad form comes back with the message beside the field, in Chinese.
        var bad = await TestApp.PostFormAsync(boss, "/Attendance/Phone", new Dictionary<string, string>
        {
            ["Input.StaffId"] = tech01.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Kind"] = "Suspended", ["Input.At"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("此项为必填。", await bad.Content.ReadAsStringAsync());

        var supervision = await app.LogInAsync("supervision");
        var to = local.ToLocal(app.Factory.Clock.GetUtcNow()).AddHours(4).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var reported = await TestApp.PostFormAsync(supervision, "/Attendance/SpecialCases", new Dictionary<string, string>
        {
            ["Input.StaffId"] = tech01.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.From"] = restoredAt, ["Input.To"] = to,
            ["Input.Reason"] = "去仓库取配件",
        });
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Contains("去仓库取配件", await boss.GetStringAsync("/Attendance/SpecialCases"));
        Assert.Contains("考勤定位", await boss.GetStringAsync("/Attendance/Today"));
    }

    private static async Task<(int Technician, int Manager)> TechnicianAndManagerAsync(TestApp app)
    {
        var tech01 = await app.StaffIdAsync("tech01");
        var manager = await app.DbAsync(d => d.Staff.Where(s => s.Id == tech01).Select(s => s.ManagerId!.Value).SingleAsync());
        return (tech01, manager);
    }

    /// <summary>tech01 checks in on an installation (at site 1) about 5 km north of the site.</summary>
    private static async Task CheckInFarAsync(TestApp app)
    {
        var id = await Jobs.InstallationAsync(app);
        var site = await app.DbAsync(d => d.Sites.Where(s => s.Id == 1).Select(s => new { s.Latitude, s.Longitude }).SingleAsync());
        var tech = await app.LogInAsync("tech01");
        var job = await tech.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}");
        foreach (var line in job.GetProperty("checklist").EnumerateArray().Where(l => l.GetProperty("phase").GetString() == "PreDeparture"))
            Assert.Equal(HttpStatusCode.OK, (await tech.PutAsJsonAsync($"/api/work-orders/{id}/checklist/{line.GetProperty("id").GetInt32()}", new { done = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/call-ahead", new { outcome = "Reached" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { })).StatusCode);
        var arrived = await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = (double)site.Latitude!.Value + 0.045, longitude = (double)site.Longitude!.Value, accuracy = 10 });
        Assert.True(arrived.StatusCode == HttpStatusCode.OK, await arrived.Content.ReadAsStringAsync());
    }

    private static async Task<DetectionResult> RunDetectorAsync(TestApp app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var local = scope.ServiceProvider.GetRequiredService<LocalTime>();
        return await scope.ServiceProvider.GetRequiredService<AnomalyDetector>().RunAsync(local.Today);
    }

    private static async Task<int> SettleAsync(TestApp app)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PhoneService>().SettleDueAsync();
    }

    private static async Task<JsonElement> RecordPhoneAsync(TestApp app, object input)
    {
        var boss = await app.LogInAsync("fj.manager");
        var response = await boss.PostAsJsonAsync("/api/attendance/phone-events", input);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> RestoreAsync(TestApp app, JsonElement phoneEvent, DateTimeOffset restoredAt)
    {
        var boss = await app.LogInAsync("fj.manager");
        var response = await boss.PostAsJsonAsync($"/api/attendance/phone-events/{phoneEvent.GetProperty("id").GetInt32()}/restoration",
            new { restoredAt, version = phoneEvent.GetProperty("version").GetInt32() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>What the incident the phone event raised costs the technician, as the policy judges it.</summary>
    private static async Task<decimal> AmountAsync(TestApp app, JsonElement phoneEvent)
    {
        var boss = await app.LogInAsync("fj.manager");
        var incident = await boss.GetFromJsonAsync<JsonElement>($"/api/assessment/incidents/{phoneEvent.GetProperty("incidentId").GetInt32()}");
        Assert.Equal("phone", incident.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, incident.GetProperty("problem").ValueKind);
        return incident.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("pot").GetString() == "pay").Sum(l => l.GetProperty("amount").GetDecimal());
    }

    private static string Month(TestApp app, DateTimeOffset at) => Local(app, at).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static string Day(TestApp app, DateTimeOffset at) => Local(app, at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Local(TestApp app, DateTimeOffset at) =>
        app.Factory.Services.GetRequiredService<LocalTime>().ToLocal(at);
}
