using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AfterSales.Domain.Messaging;
using AfterSales.Features.Support;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// WO-9: on site, a technician asks for technical guidance by phone or for technical support on site; the request
/// is tracked to an answer, the people concerned are told through the outbox, and only those in scope see it.
/// </summary>
public sealed class SupportRequestsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A job for customer C0001 (region FJ, technician tech01), or for another customer.</summary>
    private static async Task<int> WorkOrderAsync(TestApp app, int customerId = 1)
    {
        var siteId = await app.DbAsync(db => db.Sites.Where(s => s.CustomerId == customerId).Select(s => s.Id).FirstAsync());
        var store = await app.LogInAsync(customerId == 1 ? "fj.store" : await StoreOfAsync(app, customerId));
        var created = await store.PostAsJsonAsync("/api/work-orders", new { kind = "Guidance", customerId, siteId, description = "卫浴安装指导" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("id").GetInt32();
    }

    private static async Task<string> StoreOfAsync(TestApp app, int customerId) =>
        await app.DbAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.RegionId).SingleAsync()) ==
        await app.DbAsync(db => db.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync()) ? "fj.store" : "gd.store";

    private static async Task<JsonElement> RaiseAsync(HttpClient client, int workOrderId, object body)
    {
        var raised = await client.PostAsJsonAsync($"/api/work-orders/{workOrderId}/support-requests", body, Json);
        Assert.True(raised.StatusCode == HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());
        return await raised.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<List<OutboxMessage>> MessagesAsync(TestApp app, string topic) =>
        app.DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Topic == topic).OrderBy(m => m.Id).ToListAsync());

    [Theory, BothDatabases]
    public async Task WO9_a_guidance_request_is_raised_answered_and_closed_with_messages_to_support_and_back_to_the_technician(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var order = await WorkOrderAsync(app);
        var tech = await app.LogInAsync("tech01");

        var raised = await RaiseAsync(tech, order, new { kind = "Guidance", question = "坐便器排污口距墙 280mm，产品要求 305mm，怎么处理？" });
        var id = raised.GetProperty("id").GetInt32();
        Assert.Equal("Open", raised.GetProperty("state").GetString());
        Assert.Equal("张伟", raised.GetProperty("raisedByName").GetString());

        // Nobody named: technical support hears about it (in Chinese), and no manager for a phone question.
        var toSupport = Assert.Single(await MessagesAsync(app, SupportRequestService.TopicRaised));
        Assert.Equal("13900000005", toSupport.Phone);
        Assert.Contains("技术指导", toSupport.Body);
        Assert.Contains("张伟", toSupport.Body);
        Assert.Contains("排污口距墙 280mm", toSupport.Body);
        Assert.Equal(order, toSupport.RelatedId);

        var support = await app.LogInAsync("support");
        Assert.Contains(id, (await support.GetFromJsonAsync<JsonElement>("/api/support-requests?state=Open")).GetProperty("items")
            .EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
        var answered = await support.PostAsJsonAsync($"/api/support-requests/{id}/answer",
            new { answer = "使用移位器，偏移 25mm。", version = raised.GetProperty("version").GetInt32() });
        Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        var answer = await answered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Answered", answer.GetProperty("state").GetString());
        Assert.Equal("孙工", answer.GetProperty("answeredByName").GetString());

        var toTechnician = Assert.Single(await MessagesAsync(app, SupportRequestService.TopicAnswered));
        Assert.Equal("13910000001", toTechnician.Phone);
        Assert.Contains("使用移位器", toTechnician.Body);
        Assert.Contains("已答复", toTechnician.Body);

        // Support cannot close it: only the technician who asked, or a manager.
        var notYours = await support.PostAsJsonAsync($"/api/support-requests/{id}/close", new { version = answer.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        var closed = await tech.PostAsJsonAsync($"/api/support-requests/{id}/close", new { version = answer.GetProperty("version").GetInt32() });
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var final = await closed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Closed", final.GetProperty("state").GetString());

        // Closed is final: a second close or an answer is refused with the state named in Chinese.
        var again = await tech.PostAsJsonAsync($"/api/support-requests/{id}/close", new { version = final.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("该求助当前为“已关闭”，不能关闭。", await again.Content.ReadAsStringAsync());
        var late = await support.PostAsJsonAsync($"/api/support-requests/{id}/answer", new { answer = "补充", version = final.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("不能答复", await late.Content.ReadAsStringAsync());

        var onOrder = await tech.GetFromJsonAsync<JsonElement>($"/api/work-orders/{order}/support-requests");
        Assert.Equal(id, Assert.Single(onOrder.EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Theory, BothDatabases]
    public async Task WO9_a_support_request_to_a_colleague_tells_the_colleague_and_the_regional_manager_and_needs_a_visit_time(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var order = await WorkOrderAsync(app);
        var tech = await app.LogInAsync("tech01");
        var colleague = await app.StaffIdAsync("tech03");

        var raised = await RaiseAsync(tech, order, new { kind = "Support", question = "整体浴室底盘渗水，需要有人来现场", assignedToId = colleague });
        var id = raised.GetProperty("id").GetInt32();

        var told = await MessagesAsync(app, SupportRequestService.TopicRaised);
        Assert.Equal(["13910000003", "13900000011"], told.Select(m => m.Phone).ToArray()); // tech03, then 林海 (FJ manager)
        Assert.All(told, m => Assert.Contains("技术支援", m.Body));

        // Someone from another region cannot be asked.
        var gdTechnician = await app.StaffIdAsync("tech06");
        var wrongHelper = await tech.PostAsJsonAsync($"/api/work-orders/{order}/support-requests",
            new { kind = "Support", question = "再问一次", assignedToId = gdTechnician }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, wrongHelper.StatusCode);

        var helper = await app.LogInAsync("tech03");
        var noTime = await helper.PostAsJsonAsync($"/api/support-requests/{id}/answer", new { answer = "我明天过去", version = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, noTime.StatusCode);
        Assert.Contains("请填写支援人员到场的时间", await noTime.Content.ReadAsStringAsync());

        var visit = new DateTimeOffset(2030, 3, 5, 9, 30, 0, TimeSpan.FromHours(8));
        var answered = await helper.PostAsJsonAsync($"/api/support-requests/{id}/answer", new { answer = "我明天过去", supportVisitAt = visit, version = 0 });
        Assert.True(answered.StatusCode == HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        Assert.Equal(visit, (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supportVisitAt").GetDateTimeOffset());
        var back = Assert.Single(await MessagesAsync(app, SupportRequestService.TopicAnswered));
        Assert.Contains("2030-03-05 09:30", back.Body);
        Assert.Contains("到场支援", back.Body);

        // Withdrawing is for open requests only.
        var withdraw = await tech.PostAsJsonAsync($"/api/support-requests/{id}/cancel", new { version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, withdraw.StatusCode);
        Assert.Contains("该求助当前为“已答复”，不能撤销。", await withdraw.Content.ReadAsStringAsync());
    }

    [Theory, BothDatabases]
    public async Task SEC2_requests_are_seen_only_within_scope_and_raised_only_by_those_who_work_the_job(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var order = await WorkOrderAsync(app);
        var tech01 = await app.LogInAsync("tech01");
        var id = (await RaiseAsync(tech01, order, new { kind = "Guidance", question = "电路板报错 E3" })).GetProperty("id").GetInt32();

        foreach (var outsider in new[] { "tech02", "gd.manager" })
        {
            var client = await app.LogInAsync(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/support-requests/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Support/Details/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/work-orders/{order}/support-requests")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/work-orders/{order}/support-requests",
                new { kind = "Guidance", question = "?" }, Json)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/support-requests/{id}/cancel", new { version = 0 })).StatusCode);
            Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/support-requests")).GetProperty("total").GetInt32());
            Assert.DoesNotContain("电路板报错", await client.GetStringAsync("/Support"));
        }

        foreach (var insider in new[] { "fj.manager", "support", "supervision", "gm" })
        {
            var client = await app.LogInAsync(insider);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/support-requests/{id}")).StatusCode);
            Assert.Contains("电路板报错", await client.GetStringAsync("/Support"));
        }

        var openApi = await (await app.LogInAsync("support")).GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/work-orders/{workOrderId}/support-requests", openApi);
        Assert.Contains("/api/support-requests/{id}/answer", openApi);

        // Head office may read the job but not work on it: asking for help on it is refused.
        var supervision = await app.LogInAsync("supervision");
        var readOnly = await supervision.PostAsJsonAsync($"/api/work-orders/{order}/support-requests", new { kind = "Guidance", question = "?" }, Json);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);

        // The technician cannot answer their own question; the region's manager may, and may withdraw it.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await tech01.PostAsJsonAsync($"/api/support-requests/{id}/answer", new { answer = "自己解决", version = 0 })).StatusCode);
        var manager = await app.LogInAsync("fj.manager");
        var withdrawn = await manager.PostAsJsonAsync($"/api/support-requests/{id}/cancel", new { version = 0, reason = "已电话解决" });
        Assert.True(withdrawn.StatusCode == HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        Assert.Equal("Cancelled", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
    }

    [Theory, BothDatabases]
    public async Task WO9_the_pages_raise_answer_and_close_a_request(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var order = await WorkOrderAsync(app);
        var tech = await app.LogInAsync("tech01");
        var details = $"/WorkOrders/Details/{order}";
        Assert.Contains("发起求助", await tech.GetStringAsync(details));

        var raised = await TestApp.PostFormAsync(tech, details, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Guidance", ["Input.Question"] = "淋浴屏固定螺丝打不进瓷砖", ["Input.AssignedToId"] = "",
        }, $"/Support/Raise/{order}");
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Equal(details, raised.Headers.Location!.ToString());
        var page = await tech.GetStringAsync(details);
        Assert.Contains("淋浴屏固定螺丝打不进瓷砖", page);
        Assert.Contains("求助已发出", page);

        // An empty question is refused on the form, in Chinese, keeping the page.
        var empty = await TestApp.PostFormAsync(tech, details, new Dictionary<string, string> { ["Input.Kind"] = "Guidance", ["Input.Question"] = " " },
            $"/Support/Raise/{order}");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("此项为必填", await empty.Content.ReadAsStringAsync());

        var id = await app.DbAsync(d => d.SupportRequests.Where(r => r.WorkOrderId == order).Select(r => r.Id).SingleAsync());
        var support = await app.LogInAsync("support");
        Assert.Contains($"/Support/Details/{id}", await support.GetStringAsync("/Support?state=Open"));
        var blank = await TestApp.PostFormAsync(support, $"/Support/Details/{id}",
            new Dictionary<string, string> { ["Input.Answer"] = "", ["Input.Version"] = "0" }, $"/Support/Details/{id}?handler=Answer");
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("此项为必填", await blank.Content.ReadAsStringAsync());
        var answered = await TestApp.PostFormAsync(support, $"/Support/Details/{id}",
            new Dictionary<string, string> { ["Input.Answer"] = "用 6mm 玻璃钻头先开孔", ["Input.Version"] = "0" }, $"/Support/Details/{id}?handler=Answer");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("用 6mm 玻璃钻头先开孔", await tech.GetStringAsync(details));

        var closed = await TestApp.PostFormAsync(tech, $"/Support/Details/{id}",
            new Dictionary<string, string> { ["Input.Version"] = "1" }, $"/Support/Details/{id}?handler=Close");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("已关闭", await tech.GetStringAsync($"/Support/Details/{id}"));

        // A stale form (closed already) is refused with the reason on the page.
        var stale = await TestApp.PostFormAsync(tech, $"/Support/Details/{id}",
            new Dictionary<string, string> { ["Input.Version"] = "2" }, $"/Support/Details/{id}?handler=Close");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("该求助当前为“已关闭”，不能关闭。", await stale.Content.ReadAsStringAsync());
    }
}
