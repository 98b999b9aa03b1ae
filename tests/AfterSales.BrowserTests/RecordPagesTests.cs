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

        // REC-3: the PDF from the record's page, drawn as an image to look at: the Chinese, the drawn signature, the hash, the QR code.
        await phone.GotoAsync($"/Records/Details/{recordId}");
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.GetByRole(AriaRole.Link, new() { Name = "下载 PDF" }).ClickAsync());
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "record.pdf");
        await download.SaveAsAsync(path);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(path), 0, 4));
        FeePagesTests.Run("pdftoppm", "-png", "-r", "80", "-singlefile", path, Path.Combine(BrowserFixture.ScreenshotFolder, "record-pdf"));
        Assert.True(File.Exists(Path.Combine(BrowserFixture.ScreenshotFolder, "record-pdf.png")));
        await phone.Context.CloseAsync();
    }

    [Fact]
    public async Task The_customer_signs_through_the_SMS_link_rates_later_and_the_supervisor_acknowledges_the_record()
    {
        var tech = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(tech, "tech01");
        var job = await CompletedInstallationAsync(tech.Context.APIRequest);
        var drafted = await tech.Context.APIRequest.PostAsync("/api/records", new() { DataObject = new { workOrderId = job, workDone = "安装智能马桶，讲解使用方法" } });
        Assert.Equal(200, drafted.Status);
        var id = (await drafted.JsonAsync())!.Value.GetProperty("id").GetInt32();
        Assert.Equal(200, (await tech.Context.APIRequest.PostAsync($"/api/records/{id}/signing-link")).Status);
        var admin = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(admin, "admin");

        // REC-2: on the customer's own phone, without log-in.
        var customer = await fixture.NewPageAsync(BrowserFixture.Phone);
        var signLink = await LinkAsync(admin.Context.APIRequest, "RecordSigningLink", id);
        await customer.GotoAsync(signLink);
        await Assertions.Expect(customer.Locator(".record-sheet")).ToContainTextAsync("安装智能马桶，讲解使用方法");
        await customer.Locator("#signature-pad").ScrollIntoViewIfNeededAsync();
        var box = (await customer.Locator("#signature-pad").BoundingBoxAsync())!;
        await customer.Mouse.MoveAsync(box.X + 40, box.Y + 100);
        await customer.Mouse.DownAsync();
        await customer.Mouse.MoveAsync(box.X + 200, box.Y + 60, new() { Steps = 8 });
        await customer.Mouse.MoveAsync(box.X + 260, box.Y + 140, new() { Steps = 8 });
        await customer.Mouse.UpAsync();
        await customer.GetByLabel("签字人姓名").FillAsync("李监理");
        await customer.GetByLabel("签字人身份").SelectOptionAsync("SiteSupervisor");
        await BrowserFixture.ScreenshotAsync(customer, "record-link-customer-phone");
        await customer.GetByRole(AriaRole.Button, new() { Name = "确认签字" }).ClickAsync();
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("谢谢，记录已签字确认。");
        await customer.GotoAsync(signLink);
        await Assertions.Expect(customer.Locator("#link-gone")).ToContainTextAsync("该链接已过期或已使用");
        await BrowserFixture.ScreenshotAsync(customer, "record-link-used-customer-phone");

        // The survey later, through its own link.
        Assert.Equal(200, (await tech.Context.APIRequest.PostAsync($"/api/records/{id}/survey-link")).Status);
        await customer.GotoAsync(await LinkAsync(admin.Context.APIRequest, "RecordSurveyLink", id));
        await customer.Locator("label[for='score4']").ClickAsync();
        await customer.GetByLabel("意见和建议").FillAsync("准时，干净");
        await BrowserFixture.ScreenshotAsync(customer, "record-survey-customer-phone");
        await customer.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("感谢您的评价！");
        await customer.Context.CloseAsync();

        // REC-4: the supervisor's queue, then the record itself.
        var supervisor = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(supervisor, "supervisor");
        await supervisor.GotoAsync("/Records/HandIn");
        await BrowserFixture.ScreenshotAsync(supervisor, "record-handin-supervisor-desktop");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(supervisor, "record-handin-supervisor-desktop");
        await supervisor.GetByLabel($"选择 SR{id:000000}").CheckAsync();
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "确认收到所选记录" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator(".flash")).ToContainTextAsync("已确认收到 1 份记录");
        await supervisor.GotoAsync($"/Records/Details/{id}");
        await Assertions.Expect(supervisor.Locator("#integrity")).ToHaveTextAsync("签字后未被改动");
        await Assertions.Expect(supervisor.Locator("section", new() { HasText = "交回确认" })).ToContainTextAsync("陈志强 已于");
        await BrowserFixture.ScreenshotAsync(supervisor, "record-details-supervisor-desktop");
        await supervisor.Locator("a", new() { HasText = "公开验证" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("#verdict")).ToContainTextAsync("验证通过");
        await supervisor.Context.CloseAsync();
        await tech.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Signed_in_a_basement_without_network_the_record_waits_on_the_phone_then_the_customer_scans_the_survey_code()
    {
        var phone = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(phone, "tech01");
        var job = await CompletedInstallationAsync(phone.Context.APIRequest);
        var drafted = await phone.Context.APIRequest.PostAsync("/api/records", new() { DataObject = new { workOrderId = job, workDone = "安装智能马桶（地下室）" } });
        Assert.Equal(200, drafted.Status);
        var id = (await drafted.JsonAsync())!.Value.GetProperty("id").GetInt32();
        await phone.GotoAsync($"/Records/Sign/{id}");

        // No signal: the signature and the signer stay on the phone until the network returns.
        await phone.Context.SetOfflineAsync(true);
        var canvas = phone.Locator("#signature-pad");
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await phone.Mouse.MoveAsync(box.X + 30, box.Y + 100);
        await phone.Mouse.DownAsync();
        await phone.Mouse.MoveAsync(box.X + 180, box.Y + 50, new() { Steps = 8 });
        await phone.Mouse.MoveAsync(box.X + 280, box.Y + 130, new() { Steps = 8 });
        await phone.Mouse.UpAsync();
        await phone.GetByLabel("签字人姓名").FillAsync("赵女士");
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认签字" }).ClickAsync();
        var banner = phone.Locator("#offline-banner");
        await Assertions.Expect(banner).ToContainTextAsync("1 项未提交，联网后自动重试");
        await BrowserFixture.ScreenshotAsync(phone, "record-sign-offline-tech01-phone");
        await phone.Context.SetOfflineAsync(false);
        await Assertions.Expect(banner).ToContainTextAsync("已提交 1 项");
        var record = (await (await phone.Context.APIRequest.GetAsync($"/api/records/{id}")).JsonAsync())!.Value;
        Assert.True(record.GetProperty("signed").GetBoolean());
        Assert.Equal("赵女士", record.GetProperty("content").GetProperty("signerName").GetString());

        // REC-2: the customer would rather rate on their own phone: the technician shows the survey's QR code.
        await phone.GotoAsync($"/Records/Details/{id}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "显示调查二维码" }).ClickAsync();
        var code = phone.Locator("#survey-code");
        await Assertions.Expect(code.Locator("svg")).ToBeVisibleAsync();
        var size = (await code.Locator("svg").BoundingBoxAsync())!;
        Assert.True(size.Width >= 150, $"the code is {size.Width}px wide: big enough to scan");
        await BrowserFixture.ScreenshotAsync(phone, "record-survey-code-tech01-phone");
        var url = await code.Locator("a").GetAttributeAsync("href");

        var customer = await fixture.NewPageAsync(BrowserFixture.Phone);
        await customer.GotoAsync(url!);
        await customer.Locator("label[for='score5']").ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Assertions.Expect(customer.Locator("h1")).ToHaveTextAsync("感谢您的评价！");
        await customer.Context.CloseAsync();
        await phone.GotoAsync($"/Records/Details/{id}");
        await Assertions.Expect(phone.Locator("section", new() { HasText = "满意度调查" })).ToContainTextAsync("★★★★★");
        await phone.Context.CloseAsync();
    }

    private static async Task<string> LinkAsync(IAPIRequestContext admin, string topic, int recordId)
    {
        var messages = (await (await admin.GetAsync($"/api/outbox?topic={topic}&pageSize=200")).JsonAsync())!.Value;
        var body = messages.GetProperty("items").EnumerateArray().First(m => m.GetProperty("relatedId").GetInt32() == recordId).GetProperty("body").GetString()!;
        var url = body[body.IndexOf("http", StringComparison.Ordinal)..];
        return new string(url.TakeWhile(c => !char.IsWhiteSpace(c) && c != '（').ToArray());
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
