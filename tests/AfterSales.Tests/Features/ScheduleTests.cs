using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.WorkOrders;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// The roster (SCH-1) and the day-before confirmations (SCH-3) over HTTP on both databases. Customer C0001 (id 1) is
/// tech01's in FJ; the demo gives tech01 no time off and the company week (Mon–Sat 08:30–17:30).
/// </summary>
public sealed class ScheduleTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateOnly LocalToday(TestApp app) => DateOnly.FromDateTime(app.Factory.Clock.GetUtcNow().ToOffset(China).DateTime);

    /// <summary>A weekday at least a week ahead, so nothing of the demo or of the clock's "today" interferes.</summary>
    private static DateOnly Ahead(TestApp app, DayOfWeek day)
    {
        var date = LocalToday(app).AddDays(8);
        while (date.DayOfWeek != day) date = date.AddDays(1);
        return date;
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), China);

    /// <summary>A job of the customer's own technician, agreed for the given window.</summary>
    private static Task<int> ScheduledAsync(TestApp app, int customerId, WorkOrderKind kind, DateTimeOffset start, int hours = 2) =>
        app.DbAsync(async d =>
        {
            var customer = await d.Customers.Include(c => c.Sites).SingleAsync(c => c.Id == customerId);
            var now = app.Factory.Clock.GetUtcNow();
            var order = new WorkOrder(kind, customer.Id, customer.Sites.First().Id, customer.RegionId, "排班测试", now, customer.TechnicianId!.Value, new WorkOrderPolicy());
            order.AssignTechnician(customer.TechnicianId.Value);
            order.RecordContact(now, customer.TechnicianId.Value, ContactOutcome.Reached, null, start, start.AddHours(hours), RequiredPresence.None, null);
            d.WorkOrders.Add(order);
            await d.SaveChangesAsync();
            return order.Id;
        });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd");

    [Theory, BothDatabases]
    public async Task SCH1_time_off_is_validated_and_overlapping_entries_of_one_person_are_refused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var monday = Ahead(app, DayOfWeek.Monday);

        var backwards = await JsonAsync(await manager.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech01, kind = "Leave", firstDay = D(monday.AddDays(2)), lastDay = D(monday) }), HttpStatusCode.BadRequest);
        Assert.Equal("TimeOffEndsBeforeStart", backwards.GetProperty("code").GetString());
        Assert.True(backwards.GetProperty("errors").TryGetProperty("LastDay", out _));

        var trip = await JsonAsync(await manager.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech01, kind = "Trip", firstDay = D(monday), lastDay = D(monday.AddDays(2)), note = "福州 设备年检" }), HttpStatusCode.Created);
        Assert.Equal("林海", trip.GetProperty("createdByName").GetString());

        var overlapping = await JsonAsync(await manager.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech01, kind = "DayOff", firstDay = D(monday.AddDays(2)), lastDay = D(monday.AddDays(2)) }), HttpStatusCode.BadRequest);
        Assert.Equal("TimeOffOverlaps", overlapping.GetProperty("code").GetString());
        Assert.Equal($"此人在 {D(monday)} 至 {D(monday.AddDays(2))} 已有出差安排，同一人的安排不能重叠。", overlapping.GetProperty("title").GetString());

        // The day after the trip is free; another person's block on the same days is no clash.
        await JsonAsync(await manager.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech01, kind = "DayOff", firstDay = D(monday.AddDays(3)), lastDay = D(monday.AddDays(3)) }), HttpStatusCode.Created);
        await JsonAsync(await manager.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = await app.StaffIdAsync("tech03"), kind = "Leave", firstDay = D(monday), lastDay = D(monday.AddDays(2)) }), HttpStatusCode.Created);

        // Moving the trip onto the day off is refused the same way; the page shows the message beside the field.
        var id = trip.GetProperty("id").GetInt32();
        var moved = await manager.PutAsJsonAsync($"/api/schedule/time-off/{id}",
            new { staffId = tech01, kind = "Trip", firstDay = D(monday), lastDay = D(monday.AddDays(3)), version = trip.GetProperty("version").GetInt32() });
        Assert.Equal("TimeOffOverlaps", (await JsonAsync(moved, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var page = await TestApp.PostFormAsync(manager, $"/Schedule/Person/{tech01}", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Leave", ["Input.FirstDay"] = D(monday.AddDays(1)), ["Input.LastDay"] = D(monday.AddDays(5)),
        }, $"/Schedule/Person/{tech01}?handler=Add");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("同一人的安排不能重叠", await page.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.DbAsync(d => d.TimeOff.CountAsync(t => t.StaffId == tech01)));

        // Removing through the page frees the days again.
        var removed = await TestApp.PostFormAsync(manager, $"/Schedule/Person/{tech01}", new Dictionary<string, string>
        {
            ["timeOffId"] = id.ToString(), ["version"] = trip.GetProperty("version").GetInt32().ToString(),
        }, $"/Schedule/Person/{tech01}?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.DbAsync(d => d.TimeOff.AnyAsync(t => t.Id == id)));
    }

    [Theory, BothDatabases]
    public async Task SCH1_a_technicians_own_week_overrides_the_company_week(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var sunday = Ahead(app, DayOfWeek.Sunday);
        var monday = sunday.AddDays(1);

        var company = await JsonAsync(await manager.GetAsync($"/api/schedule/working-hours/{tech01}"), HttpStatusCode.OK);
        Assert.False(company.GetProperty("ownPattern").GetBoolean());
        var days = company.GetProperty("days");
        Assert.Equal(("Monday", "08:30:00", "17:30:00"), (days[0].GetProperty("day").GetString(), days[0].GetProperty("start").GetString(), days[0].GetProperty("end").GetString()));
        Assert.True(days[6].GetProperty("off").GetBoolean()); // Sunday
        Assert.False((await JsonAsync(await manager.GetAsync($"/api/schedule/availability/{tech01}?date={D(sunday)}"), HttpStatusCode.OK)).GetProperty("isWorking").GetBoolean());

        var wrong = await JsonAsync(await manager.PutAsJsonAsync($"/api/schedule/working-hours/{tech01}", new
        {
            days = new object[] { new { day = "Sunday", off = false, start = "09:00", end = "12:00" }, new { day = "Monday", off = false, start = "12:00", end = "09:00" } },
        }), HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("Days[1].End", out _));
        Assert.False(await app.DbAsync(d => d.WorkingHours.AnyAsync(w => w.StaffId == tech01)));

        var own = await JsonAsync(await manager.PutAsJsonAsync($"/api/schedule/working-hours/{tech01}", new
        {
            days = new object[] { new { day = "Sunday", off = false, start = "09:00", end = "12:00" }, new { day = "Monday", off = true } },
        }), HttpStatusCode.OK);
        Assert.True(own.GetProperty("ownPattern").GetBoolean());

        var sundayDay = await JsonAsync(await manager.GetAsync($"/api/schedule/availability/{tech01}?date={D(sunday)}"), HttpStatusCode.OK);
        Assert.True(sundayDay.GetProperty("isWorking").GetBoolean());
        Assert.Equal("09:00:00", sundayDay.GetProperty("hours").GetProperty("start").GetString());
        var week = await JsonAsync(await manager.GetAsync($"/api/schedule/week?date={D(monday)}&technicianId={tech01}"), HttpStatusCode.OK);
        var row = Assert.Single(week.GetProperty("rows").EnumerateArray());
        Assert.False(row.GetProperty("days")[0].GetProperty("working").GetBoolean());  // Monday off
        Assert.Equal("08:30:00", row.GetProperty("days")[1].GetProperty("start").GetString()); // Tuesday: the company's

        // What the dispatcher (SCH-4) asks, in local time.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var availability = scope.ServiceProvider.GetRequiredService<AfterSales.Features.Schedule.Availability>();
            Assert.True(await availability.IsWorkingAsync(tech01, At(sunday, 9)));
            Assert.False(await availability.IsWorkingAsync(tech01, At(sunday, 12)));
            Assert.False(await availability.IsWorkingAsync(tech01, At(monday, 10)));
            Assert.True(await availability.IsWorkingAsync(tech01, At(monday.AddDays(1), 8, 30)));
            Assert.False(await availability.IsWorkingAsync(tech01, At(monday.AddDays(1), 8, 29)));
        }

        await JsonAsync(await manager.DeleteAsync($"/api/schedule/working-hours/{tech01}"), HttpStatusCode.OK);
        Assert.True((await JsonAsync(await manager.GetAsync($"/api/schedule/availability/{tech01}?date={D(monday)}"), HttpStatusCode.OK)).GetProperty("isWorking").GetBoolean());
    }

    [Theory, BothDatabases]
    public async Task SCH1_the_week_calendar_shows_each_appointment_on_its_local_day_and_the_time_off(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var wednesday = Ahead(app, DayOfWeek.Wednesday);
        // 07:00 in Xiamen is 23:00 UTC the day before: the job belongs to Wednesday, not Tuesday.
        var early = await ScheduledAsync(app, 1, WorkOrderKind.Measurement, At(wednesday, 7));
        await JsonAsync(await manager.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech01, kind = "Training", firstDay = D(wednesday.AddDays(1)), lastDay = D(wednesday.AddDays(1)) }), HttpStatusCode.Created);

        var week = await JsonAsync(await manager.GetAsync($"/api/schedule/week?date={D(wednesday)}"), HttpStatusCode.OK);
        Assert.Equal(D(wednesday.AddDays(-2)), week.GetProperty("from").GetString());
        var rows = week.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(5, rows.Count); // FJ's five technicians
        var row = rows.Single(r => r.GetProperty("person").GetProperty("id").GetInt32() == tech01);
        var days = row.GetProperty("days");
        Assert.Empty(days[1].GetProperty("appointments").EnumerateArray());
        var visit = Assert.Single(days[2].GetProperty("appointments").EnumerateArray());
        Assert.Equal(early, visit.GetProperty("workOrderId").GetInt32());
        Assert.Equal($"WO{early:000000}", visit.GetProperty("number").GetString());
        Assert.Equal("Training", days[3].GetProperty("timeOff").GetString());
        Assert.False(days[3].GetProperty("working").GetBoolean());

        var html = await manager.GetStringAsync($"/Schedule?date={D(wednesday)}");
        Assert.Contains($"href=\"/WorkOrders/Details/{early}\"", html);
        Assert.Contains("07:00–09:00", html);
        Assert.Contains("培训", html);
        var day = await manager.GetStringAsync($"/Schedule/Day?date={D(wednesday)}&technicianId={tech01}");
        Assert.Contains($"WO{early:000000}", day);
        Assert.Contains("上班 08:30–17:30", day);
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_technician_sees_only_their_own_schedule_and_may_not_change_it(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var tech = await app.LogInAsync("tech01");
        var tech01 = await app.StaffIdAsync("tech01");
        var tech02 = await app.StaffIdAsync("tech02");
        var wednesday = Ahead(app, DayOfWeek.Wednesday);
        await ScheduledAsync(app, 3, WorkOrderKind.Measurement, At(wednesday, 10)); // C0003: tech02's

        var week = await JsonAsync(await tech.GetAsync($"/api/schedule/week?date={D(wednesday)}"), HttpStatusCode.OK);
        var row = Assert.Single(week.GetProperty("rows").EnumerateArray());
        Assert.Equal(tech01, row.GetProperty("person").GetProperty("id").GetInt32());
        Assert.False(row.GetProperty("person").GetProperty("mayManage").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/api/schedule/week?technicianId={tech02}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/api/schedule/day?technicianId={tech02}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/api/schedule/working-hours/{tech02}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/Schedule/Day?technicianId={tech02}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/Schedule/Person/{tech02}")).StatusCode);
        var demoBlock = await app.DbAsync(d => d.TimeOff.Where(t => t.StaffId == tech02).Select(t => t.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/api/schedule/time-off/{demoBlock}")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await tech.GetAsync("/api/schedule/time-off"), HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // Their own: readable, not changeable.
        Assert.Equal(HttpStatusCode.OK, (await tech.GetAsync("/Schedule/Day")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.GetAsync($"/api/schedule/working-hours/{tech01}")).StatusCode);
        var own = await tech.PostAsJsonAsync("/api/schedule/time-off", new { staffId = tech01, kind = "DayOff", firstDay = D(wednesday), lastDay = D(wednesday) });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PutAsJsonAsync($"/api/schedule/working-hours/{tech01}",
            new { days = new object[] { new { day = "Sunday", off = false, start = "09:00", end = "12:00" } } })).StatusCode);
        Assert.DoesNotContain("handler=Add", await tech.GetStringAsync($"/Schedule/Person/{tech01}"));
    }

    [Theory, BothDatabases]
    public async Task SEC2_a_GD_manager_cannot_see_or_touch_FJ_staff_and_a_store_cannot_plan(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var gd = await app.LogInAsync("gd.manager");
        var fjManager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");
        var monday = Ahead(app, DayOfWeek.Monday);
        var block = await JsonAsync(await fjManager.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech01, kind = "Leave", firstDay = D(monday), lastDay = D(monday) }), HttpStatusCode.Created);
        var id = block.GetProperty("id").GetInt32();

        var fjRegion = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());
        var week = await JsonAsync(await gd.GetAsync($"/api/schedule/week?regionId={fjRegion}"), HttpStatusCode.OK);
        Assert.Empty(week.GetProperty("rows").EnumerateArray());
        var add = await JsonAsync(await gd.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech01, kind = "DayOff", firstDay = D(monday.AddDays(1)), lastDay = D(monday.AddDays(1)) }), HttpStatusCode.BadRequest);
        Assert.Equal("StaffNotFound", add.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/api/schedule/time-off/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.DeleteAsync($"/api/schedule/time-off/{id}?version=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PutAsJsonAsync($"/api/schedule/working-hours/{tech01}",
            new { days = new object[] { new { day = "Sunday", off = true } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/Schedule/Person/{tech01}")).StatusCode);
        Assert.True(await app.DbAsync(d => d.TimeOff.AnyAsync(t => t.Id == id)));

        // Their own region they plan; a store of the region does not.
        var tech06 = await app.StaffIdAsync("tech06");
        await JsonAsync(await gd.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech06, kind = "DayOff", firstDay = D(monday), lastDay = D(monday) }), HttpStatusCode.Created);
        var store = await app.LogInAsync("gd.store");
        Assert.Equal(HttpStatusCode.Forbidden, (await store.PostAsJsonAsync("/api/schedule/time-off",
            new { staffId = tech06, kind = "DayOff", firstDay = D(monday.AddDays(1)), lastDay = D(monday.AddDays(1)) })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task SCH1_skill_tags_are_kept_once_each_shown_on_the_roster_and_set_only_by_a_manager(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech01 = await app.StaffIdAsync("tech01");

        var set = await JsonAsync(await manager.PutAsJsonAsync($"/api/schedule/skills/{tech01}", new { skills = new[] { "卫浴", " 列车空调 ", "卫浴", "" } }), HttpStatusCode.OK);
        Assert.Equal(new[] { "卫浴", "列车空调" }, set.EnumerateArray().Select(e => e.GetString()!).ToArray());
        var week = await JsonAsync(await manager.GetAsync($"/api/schedule/week?technicianId={tech01}"), HttpStatusCode.OK);
        Assert.Equal(2, week.GetProperty("rows")[0].GetProperty("person").GetProperty("skills").GetArrayLength());

        var tooLong = await JsonAsync(await manager.PutAsJsonAsync($"/api/schedule/skills/{tech01}", new { skills = new[] { new string('修', 51) } }), HttpStatusCode.BadRequest);
        Assert.Equal("SkillTooLong", tooLong.GetProperty("code").GetString());

        // The page takes them as one line, separated the Chinese way.
        var page = await TestApp.PostFormAsync(manager, $"/Schedule/Person/{tech01}", new Dictionary<string, string> { ["Input.Skills"] = "设备、卫浴" },
            $"/Schedule/Person/{tech01}?handler=Skills");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(["卫浴", "设备"], await app.DbAsync(d => d.TechnicianSkills.Where(s => s.StaffId == tech01).Select(s => s.Name).OrderBy(n => n).ToArrayAsync()));

        var tech = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PutAsJsonAsync($"/api/schedule/skills/{tech01}", new { skills = new[] { "设备" } })).StatusCode);
        Assert.Equal(2, (await JsonAsync(await tech.GetAsync($"/api/schedule/skills/{tech01}"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Theory, BothDatabases]
    public async Task SCH3_tomorrows_unconfirmed_installations_are_listed_as_not_released_until_confirmed_on_the_page(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tomorrow = LocalToday(app).AddDays(1);
        var first = await ScheduledAsync(app, 1, WorkOrderKind.Installation, At(tomorrow, 9));
        var second = await ScheduledAsync(app, 3, WorkOrderKind.Installation, At(tomorrow, 14));
        await ScheduledAsync(app, 5, WorkOrderKind.Measurement, At(tomorrow, 10));          // needs no confirmation
        await ScheduledAsync(app, 7, WorkOrderKind.Installation, At(tomorrow.AddDays(1), 9)); // the day after
        await ScheduledAsync(app, 2, WorkOrderKind.Installation, At(tomorrow, 9));          // GD: not this manager's

        var list = await JsonAsync(await manager.GetAsync("/api/schedule/confirmations"), HttpStatusCode.OK);
        Assert.Equal(D(tomorrow), list.GetProperty("date").GetString());
        Assert.Equal(2, list.GetProperty("notReleased").GetInt32());
        Assert.Equal([first, second], list.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("workOrderId").GetInt32()).ToArray());

        var page = await manager.GetStringAsync("/Schedule/Confirmations");
        Assert.Contains("2 个工单中有 2 个尚未放行装车", page);
        Assert.Contains("href=\"tel:13800000001\"", page);

        var blank = await TestApp.PostFormAsync(manager, "/Schedule/Confirmations",
            new Dictionary<string, string> { ["workOrderId"] = first.ToString(), ["version"] = "0", ["confirmedBy"] = " " });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("class=\"alert\" role=\"alert\"", await blank.Content.ReadAsStringAsync());

        var version = await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == first).Select(w => w.Version).SingleAsync());
        var confirmed = await TestApp.PostFormAsync(manager, "/Schedule/Confirmations", new Dictionary<string, string>
        {
            ["workOrderId"] = first.ToString(), ["version"] = version.ToString(), ["confirmedBy"] = "业主 张先生", ["date"] = D(tomorrow),
        });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        list = await JsonAsync(await manager.GetAsync($"/api/schedule/confirmations?date={D(tomorrow)}"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("notReleased").GetInt32());
        var job = list.GetProperty("jobs")[0];
        Assert.True(job.GetProperty("released").GetBoolean());
        Assert.Equal("业主 张先生", job.GetProperty("confirmedBy").GetString());
        Assert.False(job.GetProperty("mayConfirm").GetBoolean());
        Assert.False(list.GetProperty("jobs")[1].GetProperty("released").GetBoolean());

        // The technician's own list holds only their job; the calendar marks the other as held.
        var tech = await app.LogInAsync("tech01");
        var own = await JsonAsync(await tech.GetAsync("/api/schedule/confirmations"), HttpStatusCode.OK);
        Assert.Equal(first, Assert.Single(own.GetProperty("jobs").EnumerateArray()).GetProperty("workOrderId").GetInt32());
    }
}
