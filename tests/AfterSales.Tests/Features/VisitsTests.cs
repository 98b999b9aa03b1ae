using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Changes of hands around a job (WO-4), the product that does not fit (WO-6) and the phone page's photos and pages.</summary>
public sealed class VisitsTests
{
    internal static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];

    [Theory, BothDatabases]
    public async Task A_change_of_technician_waits_for_the_regions_manager_and_then_moves_the_job_and_the_customer(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await Jobs.InstallationAsync(app);
        var tech01 = await app.LogInAsync("tech01");
        var tech02Id = await app.StaffIdAsync("tech02");

        var asked = await tech01.PostAsJsonAsync($"/api/work-orders/{id}/technician-change-requests",
            new { toTechnicianId = tech02Id, reason = "长期外派泉州", forCustomer = true });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var request = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changeRequests")[0];
        Assert.Equal("Pending", request.GetProperty("state").GetString());
        var requestId = request.GetProperty("id").GetInt32();
        // The region's manager and deputy are asked, by message.
        var asks = await app.DbAsync(d => d.Outbox.Where(m => m.Topic == "TechnicianChangeRequested").Select(m => m.RecipientName).ToListAsync());
        Assert.Equal(["林海", "黄丽"], asks.Order(StringComparer.Ordinal));

        // Nobody but a manager decides: the technician and the store are refused, in Chinese.
        var self = await tech01.PostAsJsonAsync($"/api/work-orders/{id}/technician-change-requests/{requestId}/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal("只有区域售后经理或副经理才能审批更换售后人员。", (await self.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var storeDecides = await (await app.LogInAsync("fj.store")).PostAsJsonAsync($"/api/work-orders/{id}/technician-change-requests/{requestId}/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.Forbidden, storeDecides.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager"))
            .PostAsJsonAsync($"/api/work-orders/{id}/technician-change-requests/{requestId}/decision", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/api/work-orders/{id}")).StatusCode);

        // The manager approves on the page.
        var manager = await app.LogInAsync("fj.manager");
        var approved = await TestApp.PostFormAsync(manager, $"/WorkOrders/Details/{id}",
            new Dictionary<string, string>
            {
                ["requestId"] = requestId.ToString(), ["approve"] = "true", ["note"] = "同意",
                ["version"] = (await app.DbAsync(d => d.WorkOrders.Where(w => w.Id == id).Select(w => w.Version).SingleAsync())).ToString(),
            },
            $"/WorkOrders/Details/{id}?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var order = await app.DbAsync(d => d.WorkOrders.SingleAsync(w => w.Id == id));
        Assert.Equal(tech02Id, order.TechnicianId);
        Assert.Equal(tech02Id, await app.DbAsync(d => d.Customers.Where(c => c.Id == 1).Select(c => c.TechnicianId).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await (await app.LogInAsync("tech02")).GetAsync($"/api/work-orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech01.GetAsync($"/api/work-orders/{id}")).StatusCode);
        var told = await app.DbAsync(d => d.Outbox.Where(m => m.Topic == "TechnicianChangeApproved").Select(m => m.RecipientName).ToListAsync());
        Assert.Contains("刘洋", told);
    }

    [Theory, BothDatabases]
    public async Task A_helper_sees_and_works_the_job_and_is_told_where_and_when(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await Jobs.InstallationAsync(app);
        var helper = await app.LogInAsync("tech03");
        Assert.Equal(HttpStatusCode.NotFound, (await helper.GetAsync($"/Visits/{id}")).StatusCode);

        var added = await (await app.LogInAsync("tech01")).PostAsJsonAsync($"/api/work-orders/{id}/helpers", new { staffId = await app.StaffIdAsync("tech03") });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await helper.GetAsync($"/Visits/{id}")).StatusCode);
        var listed = await helper.GetFromJsonAsync<JsonElement>("/api/work-orders?pageSize=50");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetInt32() == id);
        var told = await app.DbAsync(d => d.Outbox.SingleAsync(m => m.Topic == "HelperAdded"));
        Assert.Equal("杨帆", told.RecipientName);
        Assert.Contains($"WO{id:000000}", told.Body);
        var twice = await (await app.LogInAsync("tech01")).PostAsJsonAsync($"/api/work-orders/{id}/helpers", new { staffId = await app.StaffIdAsync("tech03") });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.LogInAsync("tech01"))
            .PostAsJsonAsync($"/api/work-orders/{id}/helpers", new { staffId = await app.StaffIdAsync("fj.store") })).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_product_that_does_not_fit_is_recorded_with_an_alternative_and_the_store_is_told(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await Jobs.InstallationAsync(app);
        var tech = await app.LogInAsync("tech01");
        var itemId = (await tech.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}")).GetProperty("items")[0].GetProperty("id").GetInt32();

        var empty = await TestApp.PostFormAsync(tech, $"/Visits/{id}",
            new Dictionary<string, string> { ["itemId"] = itemId.ToString(), ["problem"] = "柜体太浅", ["alternative"] = "" }, $"/Visits/{id}?handler=FitProblem");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("必填", await empty.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.DbAsync(d => d.FitProblems.CountAsync()));

        var reported = await TestApp.PostFormAsync(tech, $"/Visits/{id}",
            new Dictionary<string, string> { ["itemId"] = itemId.ToString(), ["problem"] = "柜体深度只有 450 mm", ["alternative"] = "改用 400 mm 浅柜款" },
            $"/Visits/{id}?handler=FitProblem");
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        var message = await app.DbAsync(d => d.Outbox.SingleAsync(m => m.Topic == "FitProblem"));
        Assert.Equal("郑晓", message.RecipientName);
        Assert.Contains("改用 400 mm 浅柜款", message.Body);
        Assert.Contains("智能马桶", message.Body);
    }

    [Theory, BothDatabases]
    public async Task Photos_are_taken_on_site_only_within_the_limits_and_shown_only_to_those_who_see_the_job(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var id = await Jobs.InstallationAsync(app);
        var tech = await app.LogInAsync("tech01");
        var early = await TestApp.PostFormAsync(tech, $"/Visits/{id}",
            new Dictionary<string, string> { ["photoData"] = "data:image/jpeg;base64," + Convert.ToBase64String(Jpeg) }, $"/Visits/{id}?handler=Photo");
        Assert.Contains("不能上传照片", await early.Content.ReadAsStringAsync());

        await Jobs.OnSiteAsync(app, id);
        var notImage = await TestApp.PostFormAsync(tech, $"/Visits/{id}",
            new Dictionary<string, string> { ["photoData"] = "data:image/jpeg;base64," + Convert.ToBase64String("%PDF-1.7"u8.ToArray()) }, $"/Visits/{id}?handler=Photo");
        Assert.Contains("只能上传 JPEG、PNG 或 WebP 格式的照片", await notImage.Content.ReadAsStringAsync());
        var taken = await TestApp.PostFormAsync(tech, $"/Visits/{id}",
            new Dictionary<string, string> { ["photoData"] = "data:image/jpeg;base64," + Convert.ToBase64String(Jpeg), ["caption"] = "进水口" }, $"/Visits/{id}?handler=Photo");
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        var photoId = await app.DbAsync(d => d.VisitPhotos.Select(p => p.Id).SingleAsync());

        var shown = await tech.GetAsync($"/api/work-orders/{id}/photos/{photoId}");
        Assert.Equal("image/jpeg", shown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Jpeg, await shown.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("tech02")).GetAsync($"/api/work-orders/{id}/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.LogInAsync("gd.manager")).GetAsync($"/api/work-orders/{id}/photos/{photoId}")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Todays_list_shows_the_technicians_jobs_under_way_first_then_by_appointment(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        // 08:00 on the next day in the site's time zone, so that every appointment below is on the same local day.
        var now = app.Factory.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        app.Factory.Clock.Advance(new DateTimeOffset(now.Date.AddDays(1).AddHours(8), now.Offset) - now);
        var later = await Jobs.InstallationAsync(app, startInHours: 6);
        var sooner = await Jobs.InstallationAsync(app, startInHours: 1);
        var underWay = await Jobs.InstallationAsync(app, startInHours: 3);
        await Jobs.OnSiteAsync(app, underWay);

        var html = await (await app.LogInAsync("tech01")).GetStringAsync("/Visits");
        var order = new[] { underWay, sooner, later }.Select(id => html.IndexOf($"/Visits/{id}\"", StringComparison.Ordinal)).ToList();
        Assert.All(order, position => Assert.True(position > 0));
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain($"/Visits/{later}\"", await (await app.LogInAsync("tech02")).GetStringAsync("/Visits"));
    }
}
