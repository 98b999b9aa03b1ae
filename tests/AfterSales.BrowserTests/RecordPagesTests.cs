using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>REC-1/REC-2 on a phone: the technician drafts the record, the customer signs it on the screen with a finger (the mouse here).</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_customer_signs_the_service_record_on_the_technicians_phone_and_rates_the_service()
    {
        var phone = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(phone, "tech01");
        var id = await CompletedInstallationAsync(phone.Context.APIRequest);

        // REC-1: from the job page to the draft, prefilled from the visit.
        await phone.GotoAsync($"/Visits/{id}");
        await phone.Locator("#record").GetByRole(AriaRole.Link, new() { Name = "填写服务记录" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("安装记录表");
        await phone.GetByLabel("服务内容 / 指导内容").FillAsync("安装智能马桶一台，讲解遥控器使用和喷嘴清洁");
        await phone.GetByLabel("确认的施工进度", new() { Exact = true }).FillAsync("瓷砖已完成");
        await BrowserFixture.ScreenshotAsync(phone, "record-draft-tech01-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "保存并请客户签字" }).ClickAsync();

        // REC-2: the customer reads the record and signs on the canvas.
        await Assertions.Expect(phone.Locator("#record-state")).ToHaveTextAsync("草稿");
        await Assertions.Expect(phone.Locator(".record-sheet")).ToContainTextAsync("墙距");
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认签字" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#signature-error")).ToHaveTextAsync("请先在框内签名。");
        var canvas = phone.Locator("#signature-pad");
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await phone.Mouse.MoveAsync(box.X + 30, box.Y + 120);
        await phone.Mouse.DownAsync();
        foreach (var (x, y) in new[] { (60, 60), (100, 140), (140, 50), (190, 150), (240, 70), (290, 110) })
            await phone.Mouse.MoveAsync(box.X + x, box.Y + y, new() { Steps = 5 });
        await phone.Mouse.UpAsync();
        await phone.GetByLabel("签字人姓名").FillAsync("王先生");
        await phone.GetByLabel("签字人身份").SelectOptionAsync("OwnerRepresentative");
        await phone.Locator("label[for='score5']").ClickAsync();
        await phone.GetByLabel("意见和建议").FillAsync("师傅很专业");
        await BrowserFixture.ScreenshotAsync(phone, "record-sign-tech01-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认签字" }).ClickAsync();

        await Assertions.Expect(phone.Locator("#record-state")).ToHaveTextAsync("已签字");
        await Assertions.Expect(phone.Locator("img.signature-image")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".record-sheet")).ToContainTextAsync("王先生（业主代表）");
        var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserFixture.Phone.Width, $"page is {scrollWidth}px wide");
        await BrowserFixture.ScreenshotAsync(phone, "record-signed-tech01-phone");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "record-signed-tech01-phone");

        var job = (await (await phone.Context.APIRequest.GetAsync($"/api/work-orders/{id}")).JsonAsync())!.Value;
        Assert.Equal("Signed", job.GetProperty("workOrder").GetProperty("state").GetString());
        var records = (await (await phone.Context.APIRequest.GetAsync($"/api/records?q=WO{id:000000}")).JsonAsync())!.Value;
        var recordId = records.GetProperty("items")[0].GetProperty("id").GetInt32();
        var record = (await (await phone.Context.APIRequest.GetAsync($"/api/records/{recordId}")).JsonAsync())!.Value;
        Assert.Equal(5, record.GetProperty("survey").GetProperty("score").GetInt32());
        var png = await (await phone.Context.APIRequest.GetAsync($"/api/records/{recordId}/signature")).BodyAsync();
        Assert.True(png.Length > 200, "the drawn signature is stored as a PNG");
        Assert.Equal(0x89, png[0]);
        Assert.True((await (await phone.Context.APIRequest.GetAsync($"/api/records/{recordId}/verify")).JsonAsync())!.Value.GetProperty("matches").GetBoolean());
        await phone.Context.CloseAsync();
    }

    /// <summary>An installation of tech01's customer, done on site through the API: measured, commissioned, tidied, completed.</summary>
    private async Task<int> CompletedInstallationAsync(IAPIRequestContext tech)
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

        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var contacted = await tech.PostAsync($"/api/work-orders/{id}/contacts", new()
        {
            DataObject = new { outcome = "Reached", agreedStart = start.AddMinutes(30), agreedEnd = start.AddHours(3), required = "Owner" },
        });
        Assert.Equal(200, contacted.Status);
        var version = (await contacted.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("version").GetInt32();
        Assert.Equal(200, (await tech.PostAsync($"/api/work-orders/{id}/day-before-confirmation", new() { DataObject = new { confirmedBy = "业主", answer = "", version } })).Status);
        await TickAsync(tech, id, "PreDeparture");
        Assert.Equal(200, (await tech.PostAsync($"/api/work-orders/{id}/call-ahead", new() { DataObject = new { outcome = "Reached" } })).Status);
        Assert.Equal(200, (await tech.PostAsync($"/api/work-orders/{id}/depart", new() { DataObject = new { } })).Status);
        var arrived = await tech.PostAsync($"/api/work-orders/{id}/check-in", new() { DataObject = new { latitude = 26.0745, longitude = 119.2965, accuracy = 10 } });
        var itemId = (await arrived.JsonAsync())!.Value.GetProperty("items")[0].GetProperty("id").GetInt32();
        Assert.Equal(200, (await tech.PostAsync($"/api/work-orders/{id}/measurements", new() { DataObject = new { name = "墙距", value = 305, unit = "Millimetre", itemId } })).Status);
        Assert.Equal(200, (await tech.PostAsync($"/api/work-orders/{id}/commissioning-tests",
            new() { DataObject = new { itemId, leakTestPassed = true, connectionTestPassed = true } })).Status);
        await TickAsync(tech, id, "Completion");
        Assert.Equal(200, (await tech.PostAsync($"/api/work-orders/{id}/complete", new() { DataObject = new { } })).Status);
        return id;
    }

    private static async Task TickAsync(IAPIRequestContext tech, int id, string phase)
    {
        var job = (await (await tech.GetAsync($"/api/work-orders/{id}")).JsonAsync())!.Value;
        foreach (var line in job.GetProperty("checklist").EnumerateArray().Where(l => l.GetProperty("phase").GetString() == phase))
            Assert.Equal(200, (await tech.PutAsync($"/api/work-orders/{id}/checklist/{line.GetProperty("id").GetInt32()}", new() { DataObject = new { done = true } })).Status);
    }
}
