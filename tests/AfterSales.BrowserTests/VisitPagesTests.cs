using System.Text.Json;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>A full installation visit on a phone whose position is known (VIS-1…VIS-6, SCH-2, REC-5).</summary>
[Collection(BrowserCollection.Name)]
public sealed class VisitPagesTests(BrowserFixture fixture)
{
    private static readonly Geolocation AtTheSite = new() { Latitude = 26.0745f, Longitude = 119.2965f, Accuracy = 15 };

    /// <summary>A 64 × 48 PNG, as a phone camera would give a (much larger) picture.</summary>
    private static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAZElEQVR4nO3PUQkAIBTAwBfHiEY0liH8OITBAtzm7PV1wwUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY8dgGJouDxWSHk+wAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_technician_does_a_whole_installation_visit_on_a_phone()
    {
        var (id, day) = await ReleasedInstallationAsync();
        var phone = await fixture.NewPageAsync(BrowserFixture.Phone, AtTheSite);
        await BrowserFixture.LogInAsync(phone, "tech01");
        // The list of the visit's day: late in the evening, "in 30 minutes" is already tomorrow in Beijing.
        await phone.GotoAsync($"/Visits?date={day:yyyy-MM-dd}");
        await phone.Locator($"a[href='/Visits/{id}']").ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync($"WO{id:000000}");
        await Assertions.Expect(phone.Locator("a[href^='tel:']").First).ToBeVisibleAsync();

        // VIS-1: departure is refused, in Chinese, while the checklist is open.
        await SubmitAsync(phone, new() { Name = "出发", Exact = true });
        await Assertions.Expect(phone.Locator(".alert[role=alert]")).ToContainTextAsync("出发前检查清单尚未完成");
        await BrowserFixture.ScreenshotAsync(phone, "visit-refused-departure-tech01-phone");
        foreach (var line in new[] { "货物已开箱检查：无缺件、无损坏", "工具", "辅料", "服务记录表" })
        {
            await SubmitAsync(phone, new() { Name = line, Exact = true });
            await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = line, Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        }
        // SCH-2: the call ahead; VIS-2: the goods are on the way.
        await phone.GetByLabel("结果").SelectOptionAsync("Reached");
        await SubmitAsync(phone, new() { Name = "登记电话" });
        await Assertions.Expect(phone.Locator("#ready h3", new() { HasText = "出发前电话" })).ToContainTextAsync("已于");
        await SubmitAsync(phone, new() { Name = "通知客户货物已发出" });
        await Assertions.Expect(phone.Locator("#ready h3", new() { HasText = "货物已发出" })).ToContainTextAsync("已于");
        await SubmitAsync(phone, new() { Name = "出发", Exact = true });
        await Assertions.Expect(phone.Locator("h1 .badge")).ToHaveTextAsync("在途");

        // VIS-3: check-in with the phone's position.
        await SubmitAsync(phone, new() { Name = "签到" });
        await Assertions.Expect(phone.Locator("h1 .badge")).ToHaveTextAsync("在现场");
        await Assertions.Expect(phone.Locator("#site dl")).ToContainTextAsync("26.07450");
        await phone.GetByLabel("业主").CheckAsync();
        await SubmitAsync(phone, new() { Name = "保存在场人员" });

        // VIS-4: a named dimension, a number and a unit.
        await phone.GetByLabel("测量项目").FillAsync("墙距");
        await phone.GetByLabel("数值").FillAsync("305");
        await SubmitAsync(phone, new() { Name = "添加测量数据" });
        await Assertions.Expect(phone.Locator("#measurements ul")).ToContainTextAsync("墙距 305 毫米");

        // VIS-5: a failed test, then completion refused, then the retest passes.
        await phone.Locator("#commissioning").GetByLabel("连接测试通过").CheckAsync();
        await phone.Locator("#commissioning").GetByLabel("未通过项 / 整改内容").FillAsync("进水口渗水");
        await SubmitAsync(phone, new() { Name = "记录调试结果" });
        await Assertions.Expect(phone.Locator("#commissioning .badge")).ToHaveTextAsync("未通过：整改后重新调试");
        await SubmitAsync(phone, new() { Name = "完工" });
        await Assertions.Expect(phone.Locator(".alert[role=alert]")).ToContainTextAsync("调试未通过");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "visit-failed-test-tech01-phone");
        await phone.Locator("#commissioning").GetByLabel("试漏通过").CheckAsync();
        await phone.Locator("#commissioning").GetByLabel("连接测试通过").CheckAsync();
        await phone.Locator("#commissioning").GetByLabel("未通过项 / 整改内容").FillAsync("更换密封圈");
        await SubmitAsync(phone, new() { Name = "记录调试结果" });
        await Assertions.Expect(phone.Locator("#commissioning .badge")).ToHaveTextAsync("已通过");

        // A photo, made smaller on the phone.
        await phone.GetByLabel("拍照或选择照片").SetInputFilesAsync(new FilePayload { Name = "site.png", MimeType = "image/png", Buffer = Picture });
        await Assertions.Expect(phone.Locator(".photo-preview")).ToBeVisibleAsync();
        await SubmitAsync(phone, new() { Name = "上传照片" });
        await Assertions.Expect(phone.Locator("#photos .photos img")).ToHaveCountAsync(1);

        // VIS-6, then REC-5 before check-out.
        foreach (var line in new[] { "垃圾已清理", "家具已复位", "产品已清洁或做好保护" })
            await SubmitAsync(phone, new() { Name = line, Exact = true });
        await SubmitAsync(phone, new() { Name = "完工" });
        await Assertions.Expect(phone.Locator("h1 .badge")).ToHaveTextAsync("已完工");
        await SubmitAsync(phone, new() { Name = "签退" });
        await Assertions.Expect(phone.Locator(".alert[role=alert]")).ToContainTextAsync("离开前请先把您的联系方式发送给客户");
        await SubmitAsync(phone, new() { Name = "发送我的联系方式" });
        await BrowserFixture.ScreenshotAsync(phone, "visit-finishing-tech01-phone");
        await SubmitAsync(phone, new() { Name = "签退" });
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "签退" })).ToHaveCountAsync(0);
        var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserFixture.Phone.Width, $"page is {scrollWidth}px wide");

        var job = await (await phone.Context.APIRequest.GetAsync($"/api/work-orders/{id}")).JsonAsync();
        var visit = job!.Value.GetProperty("visits").EnumerateArray().Single();
        Assert.Equal(26.0745, visit.GetProperty("checkInLatitude").GetDouble(), 4);
        Assert.Equal(119.2965, visit.GetProperty("checkOutLongitude").GetDouble(), 4);
        Assert.Equal(15, visit.GetProperty("checkInAccuracyMeters").GetDouble());
        Assert.Equal(JsonValueKind.String, visit.GetProperty("checkedOutAt").ValueKind);
        Assert.Equal(["Failed", "Passed"], visit.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("passed").GetBoolean() ? "Passed" : "Failed"));
        var photo = job.Value.GetProperty("photos").EnumerateArray().Single();
        Assert.StartsWith("image/jpeg", (await phone.Context.APIRequest.GetAsync($"/api/work-orders/{id}/photos/{photo.GetProperty("id").GetInt32()}")).Headers["content-type"]);
        await BrowserFixture.ScreenshotAsync(phone, "visit-done-tech01-phone");
        await phone.Context.CloseAsync();

        // The office sees the whole visit on the job's page.
        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "fj.manager");
        await desk.GotoAsync($"/WorkOrders/Details/{id}");
        await Assertions.Expect(desk.Locator("section", new() { HasText = "上门记录" })).ToContainTextAsync("墙距 305 毫米");
        await Assertions.Expect(desk.Locator("section", new() { HasText = "上门记录" })).ToContainTextAsync("26.07450");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desk, "visit-story-fj.manager-desktop");
        await desk.Context.CloseAsync();
    }

    /// <summary>
    /// Presses a submit button and waits until the page shows the server's answer: the offline queue sends forms with
    /// fetch and writes the answer into the page, which is no navigation Playwright would wait for.
    /// </summary>
    private static async Task SubmitAsync(IPage page, PageGetByRoleOptions button)
    {
        await page.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await page.GetByRole(AriaRole.Button, button).ClickAsync();
        await page.WaitForFunctionAsync("() => !document.body.dataset.stale");
    }

    /// <summary>A store's installation job for tech01's customer, agreed for today and confirmed the day before.</summary>
    private async Task<(int Id, DateOnly Day)> ReleasedInstallationAsync()
    {
        var store = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(store, "fj.store");
        var created = await store.Context.APIRequest.PostAsync("/api/work-orders", new()
        {
            DataObject = new { kind = "Installation", customerId = 1, siteId = 1, description = "安装智能马桶", items = new[] { new { productId = 1, quantity = 1 } } },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("id").GetInt32();
        await store.Context.CloseAsync();

        var tech = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(tech, "tech01");
        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var contacted = await tech.Context.APIRequest.PostAsync($"/api/work-orders/{id}/contacts", new()
        {
            DataObject = new { outcome = "Reached", agreedStart = start.AddMinutes(30), agreedEnd = start.AddHours(3), required = "Owner" },
        });
        Assert.Equal(200, contacted.Status);
        var confirmed = await tech.Context.APIRequest.PostAsync($"/api/work-orders/{id}/day-before-confirmation", new()
        {
            DataObject = new { confirmedBy = "业主 王先生", answer = "", version = (await contacted.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("version").GetInt32() },
        });
        Assert.Equal(200, confirmed.Status);
        await tech.Context.CloseAsync();
        return (id, DateOnly.FromDateTime(start.AddMinutes(30).DateTime));
    }
}
