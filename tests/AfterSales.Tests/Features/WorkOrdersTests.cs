using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Domain.WorkOrders;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Work orders over HTTP on both databases: intake, first contact, scheduling, the visit's states, refusals.</summary>
public sealed class WorkOrdersTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // Customer C0001 (id 1) is in region FJ and belongs to tech01; C0002 (id 2) is in GD.
    private static object Installation(int customerId = 1, int siteId = 1) =>
        new { kind = "Installation", customerId, siteId, description = "安装智能马桶 Z1", items = new[] { new { productId = 1, quantity = 1 } } };

    [Theory, BothDatabases]
    public async Task A_store_takes_a_job_that_goes_to_the_customers_own_technician_with_a_first_contact_deadline(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var store = await app.LogInAsync("fj.store");

        var created = await store.PostAsJsonAsync("/api/work-orders", Installation());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var job = body.GetProperty("workOrder");
        Assert.Equal(await app.StaffIdAsync("tech01"), job.GetProperty("technicianId").GetInt32());
        Assert.Equal("New", job.GetProperty("state").GetString());
        var received = job.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.Equal(received.AddHours(2), job.GetProperty("firstContactDueAt").GetDateTimeOffset());
        Assert.StartsWith("WO0000", job.GetProperty("number").GetString());
        var items = body.GetProperty("items");
        Assert.Equal("智能马桶 Z1", items[0].GetProperty("productName").GetString());
    }

    [Theory, BothDatabases]
    public async Task An_uncontacted_job_becomes_overdue_after_two_hours_and_leaves_the_list_when_the_technician_calls(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var id = await CreateAsync(manager);

        Assert.Equal(0, await OverdueCountAsync(manager));
        app.Factory.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await OverdueCountAsync(manager));
        // The dispatcher sees it on the start page too.
        Assert.Matches("<strong>1</strong><span>首次联系超时</span>", await manager.GetStringAsync("/"));

        var tech = await app.LogInAsync("tech01");
        var called = await tech.PostAsJsonAsync($"/api/work-orders/{id}/contacts",
            new { outcome = "NoAnswer", version = await VersionAsync(tech, id) });
        Assert.Equal(HttpStatusCode.OK, called.StatusCode);
        Assert.Equal(0, await OverdueCountAsync(manager));
    }

    [Theory, BothDatabases]
    public async Task The_technician_contacts_schedules_departs_arrives_late_and_completes(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateAsync(await app.LogInAsync("fj.store"));
        var tech = await app.LogInAsync("tech01");
        // Times as a phone in China sends them, with +08:00: stored as the same instant on both engines.
        var start = app.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(1);

        var contacted = await tech.PostAsJsonAsync($"/api/work-orders/{id}/contacts", new
        {
            outcome = "Reached", constructionProgress = "水电已完成，瓷砖下周贴", agreedStart = start, agreedEnd = start.AddHours(2),
            required = "Owner, Plumber", version = await VersionAsync(tech, id),
        }, Json);
        Assert.Equal(HttpStatusCode.OK, contacted.StatusCode);
        var job = (await contacted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder");
        Assert.Equal("Scheduled", job.GetProperty("state").GetString());
        Assert.Equal("Owner, Plumber", job.GetProperty("required").GetString());

        // Moving the agreed time without the customer's consent is refused.
        var moved = await tech.PostAsJsonAsync($"/api/work-orders/{id}/schedule",
            new { start = start.AddHours(4), end = start.AddHours(6), customerConsented = false, version = await VersionAsync(tech, id) });
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("征得客户同意", (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        // SCH-3: not released for loading before the day-before confirmation; VIS-1: not before the checklist.
        var unconfirmed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { version = await VersionAsync(tech, id) });
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Contains("不能放行装车", (await unconfirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await tech.PostAsJsonAsync($"/api/work-orders/{id}/day-before-confirmation", new { confirmedBy = "业主 王先生", answer = "", version = await VersionAsync(tech, id) });
        var incomplete = await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { version = await VersionAsync(tech, id) });
        Assert.Equal(HttpStatusCode.Conflict, incomplete.StatusCode);
        Assert.Equal("出发前检查清单尚未完成：还有 4 项未勾选。", (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await TickAllAsync(tech, id, "PreDeparture");

        app.Factory.Clock.Advance(TimeSpan.FromDays(1));
        tech = await app.LogInAsync("tech01"); // a day later: a new day's log-in
        // SCH-2: no departure without calling ahead.
        var uncalled = await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { });
        Assert.Equal("出发前请先给客户打电话并登记（出发前 12 小时内）。", (await uncalled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/call-ahead", new { outcome = "Reached", notes = "半小时后到" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/goods-on-the-way", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { version = await VersionAsync(tech, id) })).StatusCode);
        app.Factory.Clock.Advance(TimeSpan.FromHours(3));
        var arrived = await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = 26.0745, longitude = 119.2965, accuracy = 18.5 });
        var arrivedJob = await arrived.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(arrivedJob.GetProperty("workOrder").GetProperty("arrivedLate").GetBoolean());
        var visit = arrivedJob.GetProperty("visits").EnumerateArray().Single();
        Assert.Equal(26.0745, visit.GetProperty("checkInLatitude").GetDouble());
        Assert.Equal(18.5, visit.GetProperty("checkInAccuracyMeters").GetDouble());

        // VIS-5: the installed product must pass commissioning; a failure is fixed and retested.
        var early = await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { });
        Assert.Equal("还有 1 件已安装产品调试未通过：请整改并重新调试后再完工。", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var itemId = arrivedJob.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt32();
        var failed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/commissioning-tests",
            new { itemId, leakTestPassed = false, connectionTestPassed = true, notes = "进水口渗水" });
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { })).StatusCode);
        await tech.PostAsJsonAsync($"/api/work-orders/{id}/commissioning-tests",
            new { itemId, leakTestPassed = true, connectionTestPassed = true, notes = "更换密封圈后复测通过" });
        var measured = await tech.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "墙距", value = 305, unit = "Millimetre", itemId });
        Assert.Equal(HttpStatusCode.OK, measured.StatusCode);
        var vague = await tech.PostAsJsonAsync($"/api/work-orders/{id}/measurements", new { name = "墙距", unit = "Millimetre" });
        Assert.Equal(HttpStatusCode.BadRequest, vague.StatusCode);

        var unticked = await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { version = await VersionAsync(tech, id) });
        Assert.Equal("完工检查清单尚未完成：还有 3 项未勾选。", (await unticked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await TickAllAsync(tech, id, "Completion");
        var completed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { version = await VersionAsync(tech, id) });
        Assert.Equal("Completed", (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("state").GetString());

        // REC-5: not leaving before the customer has the technician's number.
        var leaving = await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-out", new { latitude = 26.0745, longitude = 119.2965, accuracy = 20 });
        Assert.Equal("离开前请先把您的联系方式发送给客户。", (await leaving.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/contact-details", new { })).StatusCode);
        var left = await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-out", new { latitude = 26.0745, longitude = 119.2965, accuracy = 20 });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.NotEqual(JsonValueKind.Null, (await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visits")[0].GetProperty("checkedOutAt").ValueKind);

        var contacts = await app.DbAsync(d => d.WorkOrderContacts.Where(c => c.WorkOrderId == id).OrderBy(c => c.At).ToListAsync());
        Assert.Equal("水电已完成，瓷砖下周贴", contacts[0].ConstructionProgress);
        Assert.Equal(ContactPurpose.CallAhead, contacts[1].Purpose);
        var tests = await app.DbAsync(d => d.CommissioningTests.OrderBy(t => t.Attempt).ToListAsync());
        Assert.Equal([false, true], tests.Select(t => t.Passed));
        var messages = await app.DbAsync(d => d.Outbox.Where(m => m.RelatedId == id).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["GoodsOnTheWay", "ContactDetails"], messages.Select(m => m.Topic));
        Assert.Contains("139 1000 0001", messages[1].Body);
        Assert.True(await app.DbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "WorkOrder" && a.EntityId == id.ToString() && a.Actor == "tech01")));
    }

    [Theory, BothDatabases]
    public async Task An_illegal_transition_is_a_409_that_says_why_in_Chinese_and_changes_nothing(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateAsync(await app.LogInAsync("fj.store"));
        var tech = await app.LogInAsync("tech01");

        var response = await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { version = await VersionAsync(tech, id) });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("IllegalTransition", problem.GetProperty("code").GetString());
        Assert.Equal("该工单当前为“新建”，不能完工。", problem.GetProperty("title").GetString());
        Assert.Equal(WorkOrderState.New, await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.State).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task A_different_technician_for_a_customer_who_has_one_needs_approval(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var tech02 = await app.StaffIdAsync("tech02");

        var intake = await manager.PostAsJsonAsync("/api/work-orders", new { kind = "Repair", customerId = 1, siteId = 1, description = "漏水", technicianId = tech02 });
        Assert.Equal(HttpStatusCode.Conflict, intake.StatusCode);
        Assert.Contains("经理批准", (await intake.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var id = await CreateAsync(manager);
        var reassign = await manager.PostAsJsonAsync($"/api/work-orders/{id}/assign", new { technicianId = tech02, version = await VersionAsync(manager, id) });
        Assert.Equal(HttpStatusCode.Conflict, reassign.StatusCode);
        Assert.Equal(await app.StaffIdAsync("tech01"), await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.TechnicianId).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task Waiting_for_another_department_records_who_confirmed_what(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await CreateAsync(await app.LogInAsync("fj.store"));
        var tech = await app.LogInAsync("tech01");
        await tech.PostAsJsonAsync($"/api/work-orders/{id}/wait-for-department", new { department = "设计部", question = "墙面能否开孔？", version = await VersionAsync(tech, id) });
        var confirmed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/confirm", new { confirmedBy = "设计部 王工", answer = "可以，避开水管", version = await VersionAsync(tech, id) });

        var job = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder");
        Assert.Equal("New", job.GetProperty("state").GetString());
        Assert.Equal("设计部 王工", job.GetProperty("departmentConfirmedBy").GetString());
        Assert.Equal("可以，避开水管", job.GetProperty("departmentAnswer").GetString());
    }

    [Theory, BothDatabases]
    public async Task Jobs_are_scoped_like_their_customers(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var fj = await CreateAsync(await app.LogInAsync("fj.store"));
        var gd = await CreateAsync(await app.LogInAsync("gd.store"), customerId: 2, siteId: 2);

        var tech02 = await app.LogInAsync("tech02");
        Assert.Equal(HttpStatusCode.NotFound, (await tech02.GetAsync($"/api/work-orders/{fj}")).StatusCode);
        Assert.Equal(0, (await tech02.GetFromJsonAsync<JsonElement>("/api/work-orders")).GetProperty("total").GetInt32());

        var fjManager = await app.LogInAsync("fj.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await fjManager.GetAsync($"/api/work-orders/{gd}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fjManager.PostAsJsonAsync($"/api/work-orders/{gd}/cancel", new { reason = "x", version = 1 })).StatusCode);

        var finance = await app.LogInAsync("finance");
        Assert.Equal(2, (await finance.GetFromJsonAsync<JsonElement>("/api/work-orders")).GetProperty("total").GetInt32());
        var refused = await finance.PostAsJsonAsync($"/api/work-orders/{fj}/cancel", new { reason = "x", version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // A store cannot take a job for another region's customer, nor may a technician take jobs at all.
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.LogInAsync("fj.store")).PostAsJsonAsync("/api/work-orders", Installation(2, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LogInAsync("tech01")).PostAsJsonAsync("/api/work-orders", Installation())).StatusCode);
        // Only managers cancel.
        var tech01 = await app.LogInAsync("tech01");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech01.PostAsJsonAsync($"/api/work-orders/{fj}/cancel", new { reason = "x", version = 1 })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_repair_of_the_same_cause_on_the_same_equipment_within_90_days_is_linked_as_a_rework(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var manager = await app.LogInAsync("fj.manager");
        var unit = await app.DbAsync(d => d.Equipment.Where(e => e.SiteId == 1).Select(e => e.Id).FirstAsync());
        object Repair() => new { kind = "Repair", customerId = 1, siteId = 1, description = "卷压设备漏油", items = new[] { new { equipmentId = unit, quantity = 1 } } };
        var first = (await (await manager.PostAsJsonAsync("/api/work-orders", Repair())).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("workOrder").GetProperty("id").GetInt32();

        var tech = await app.LogInAsync("tech01");
        var assessed = await tech.PostAsJsonAsync($"/api/work-orders/{first}/repair-assessment",
            new { cause = "油管破裂", estimatedHours = 3, estimatedPeople = 1, version = await VersionAsync(tech, first) });
        Assert.Equal("Minor", (await assessed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("repairClass").GetString());
        var start = app.Factory.Clock.GetUtcNow().AddHours(1);
        await tech.PostAsJsonAsync($"/api/work-orders/{first}/contacts", new { outcome = "Reached", agreedStart = start, agreedEnd = start.AddHours(2), version = await VersionAsync(tech, first) });
        await TickAllAsync(tech, first, "PreDeparture");
        await tech.PostAsJsonAsync($"/api/work-orders/{first}/call-ahead", new { outcome = "Reached" });
        await tech.PostAsJsonAsync($"/api/work-orders/{first}/depart", new { version = await VersionAsync(tech, first) });
        await tech.PostAsJsonAsync($"/api/work-orders/{first}/check-in", new { version = await VersionAsync(tech, first) });
        await TickAllAsync(tech, first, "Completion");
        var done = await tech.PostAsJsonAsync($"/api/work-orders/{first}/complete", new { version = await VersionAsync(tech, first) });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        app.Factory.Clock.Advance(TimeSpan.FromDays(30));
        manager = await app.LogInAsync("fj.manager");
        tech = await app.LogInAsync("tech01");
        var again = (await (await manager.PostAsJsonAsync("/api/work-orders", Repair())).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("workOrder").GetProperty("id").GetInt32();
        var otherCause = await tech.PostAsJsonAsync($"/api/work-orders/{again}/repair-assessment", new { cause = "电机故障", version = await VersionAsync(tech, again) });
        Assert.Equal(JsonValueKind.Null, (await otherCause.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("reworkOfId").ValueKind);
        var sameCause = await tech.PostAsJsonAsync($"/api/work-orders/{again}/repair-assessment", new { cause = "油管破裂", version = await VersionAsync(tech, again) });
        Assert.Equal(first, (await sameCause.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("reworkOfId").GetInt32());

        // Overriding the class is a manager's decision, with a reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostAsJsonAsync($"/api/work-orders/{again}/repair-class",
            new { repairClass = "Major", reason = "多人作业", version = await VersionAsync(tech, again) })).StatusCode);
        var overridden = await manager.PostAsJsonAsync($"/api/work-orders/{again}/repair-class",
            new { repairClass = "Major", reason = "多人作业", version = await VersionAsync(manager, again) });
        Assert.Equal("Major", (await overridden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("repairClass").GetString());
    }

    private static async Task<int> CreateAsync(HttpClient client, int customerId = 1, int siteId = 1)
    {
        var created = await client.PostAsJsonAsync("/api/work-orders", Installation(customerId, siteId));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("id").GetInt32();
    }

    private static async Task TickAllAsync(HttpClient client, int id, string phase)
    {
        var job = await client.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}");
        foreach (var line in job.GetProperty("checklist").EnumerateArray().Where(l => l.GetProperty("phase").GetString() == phase))
        {
            var ticked = await client.PutAsJsonAsync($"/api/work-orders/{id}/checklist/{line.GetProperty("id").GetInt32()}",
                new { done = true, version = await VersionAsync(client, id) });
            Assert.Equal(HttpStatusCode.OK, ticked.StatusCode);
        }
    }

    private static async Task<int> VersionAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}")).GetProperty("workOrder").GetProperty("version").GetInt32();

    private static async Task<int> OverdueCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/work-orders?overdue=true")).GetProperty("total").GetInt32();
}

/// <summary>The work-order pages as a store and a technician use them, on both databases.</summary>
public sealed class WorkOrderPagesTests
{
    [Theory, BothDatabases]
    public async Task A_store_takes_a_job_on_the_page_and_the_technician_records_the_call_and_is_told_why_a_step_is_refused(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var store = await app.LogInAsync("fj.store");
        var form = await store.GetStringAsync("/WorkOrders/New?Input.CustomerId=1");
        Assert.Contains("张伟", form); // the customer's own technician is shown, not offered for a change

        var created = await TestApp.PostFormAsync(store, "/WorkOrders/New?Input.CustomerId=1", new Dictionary<string, string>
        {
            ["Input.CustomerId"] = "1", ["Input.SiteId"] = "1", ["Input.Kind"] = "Measurement",
            ["Input.Description"] = "卫生间量尺", ["Input.ProductId"] = "3", ["Input.Quantity"] = "1",
        }, "/WorkOrders/New");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/WorkOrders/Details/", page);

        var tech = await app.LogInAsync("tech01");
        var details = await tech.GetStringAsync(page);
        Assert.Contains("卫生间量尺", details);
        Assert.Contains("登记与客户的通话", details);

        var id = int.Parse(page.Split('/').Last());
        var local = app.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(1);
        var contacted = await TestApp.PostFormAsync(tech, page, new Dictionary<string, string>
        {
            ["outcome"] = "Reached", ["progress"] = "毛坯房，下周进场", ["agreedStart"] = local.ToString("yyyy-MM-ddT09:00"),
            ["agreedEnd"] = local.ToString("yyyy-MM-ddT11:00"), ["required"] = "Owner",
            ["version"] = (await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.Version).SingleAsync())).ToString(),
        }, page + "?handler=Contact");
        Assert.True(contacted.StatusCode == HttpStatusCode.Redirect, await contacted.Content.ReadAsStringAsync());
        var scheduled = await tech.GetStringAsync(page);
        Assert.Contains("已预约", scheduled);
        Assert.Contains("毛坯房，下周进场", scheduled);
        Assert.Contains(local.ToString("yyyy-MM-dd") + " 09:00", scheduled); // shown in the site's time (UTC+8)

        // The phone's job page refuses a step the state does not allow, in Chinese.
        var refused = await TestApp.PostFormAsync(tech, $"/Visits/{id}", new Dictionary<string, string>(), $"/Visits/{id}?handler=Complete");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("该工单当前为“已预约”，不能完工。", await refused.Content.ReadAsStringAsync());
    }
}
