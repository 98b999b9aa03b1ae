using System.Diagnostics;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>A receipt on the phone (FEE-1): two lines, the customer signs with a finger (here the mouse), the PDF downloads (REC-3).</summary>
[Collection(BrowserCollection.Name)]
public sealed class FeePagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_technician_bills_two_items_the_customer_signs_on_the_phone_and_the_pdf_downloads()
    {
        var workOrder = await WorkOrderAsync();
        var phone = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync($"/Visits/{workOrder}");
        await phone.Locator($"a[href='/Fees/New/{workOrder}']").ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("开收费单");

        await phone.Locator("#product-0").SelectOptionAsync(new SelectOptionValue { Label = "恒温花洒套装 · ¥1680.00" });
        await phone.Locator("#quantity-0").FillAsync("1");
        await phone.Locator("#description-1").FillAsync("角阀（铜）");
        await phone.Locator("#quantity-1").FillAsync("3");
        await phone.Locator("#price-1").FillAsync("33.33");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "fees-new-tech01-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "保存收费单" }).ClickAsync();

        await Assertions.Expect(phone.Locator("h1 .badge")).ToHaveTextAsync("草稿");
        await Assertions.Expect(phone.Locator(".fee-total")).ToHaveTextAsync("¥1,779.99");
        await phone.GetByLabel("客户姓名").FillAsync("王建华");
        var canvas = phone.Locator("canvas.signature-canvas");
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await phone.Mouse.MoveAsync(box.X + 20, box.Y + box.Height * 0.7f);
        await phone.Mouse.DownAsync();
        foreach (var (x, y) in new[] { (0.2f, 0.3f), (0.35f, 0.75f), (0.5f, 0.25f), (0.65f, 0.7f), (0.85f, 0.35f) })
            await phone.Mouse.MoveAsync(box.X + box.Width * x, box.Y + box.Height * y, new() { Steps = 8 });
        await phone.Mouse.UpAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "fees-sign-tech01-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认签字 · ¥1,779.99" }).ClickAsync();

        await Assertions.Expect(phone.Locator("h1 .badge")).ToHaveTextAsync("已签字");
        await Assertions.Expect(phone.Locator("img.fee-signature")).ToBeVisibleAsync();
        var number = (await phone.Locator("h1").InnerTextAsync()).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Matches(@"^FJ-\d{4}-\d{6}$", number);
        await BrowserFixture.ScreenshotAsync(phone, "fees-signed-tech01-phone");

        var download = await phone.RunAndWaitForDownloadAsync(() => phone.Locator("#pdf").ClickAsync());
        Assert.Equal($"{number}.pdf", download.SuggestedFilename);
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "fees-receipt.pdf");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        // The PDF as an image, to look at: the Chinese and the signature must render.
        Run("pdftoppm", "-png", "-r", "80", "-singlefile", path, Path.Combine(BrowserFixture.ScreenshotFolder, "fees-receipt-pdf"));
        Assert.True(File.Exists(Path.Combine(BrowserFixture.ScreenshotFolder, "fees-receipt-pdf.png")));

        // The list and the cash page, on the phone and on a desktop.
        await phone.GotoAsync("/Fees");
        await Assertions.Expect(phone.Locator("table.list")).ToContainTextAsync(number);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "fees-list-tech01-phone");
        await phone.GotoAsync("/Fees/Cash");
        await Assertions.Expect(phone.Locator("#reconciliation")).ToContainTextAsync("短款");
        await phone.GetByRole(AriaRole.Button, new() { Name = "登记交款 · ¥1,779.99" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#hand-ins")).ToContainTextAsync(number);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "fees-cash-tech01-phone");

        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "fj.deputy");
        await desk.GotoAsync("/Fees/Cash");
        await desk.Locator("#hand-ins input[name='Input.ReceivedAmount']").FillAsync("1770.00");
        await desk.Locator("#hand-ins").GetByRole(AriaRole.Button, new() { Name = "确认收款" }).ClickAsync();
        await Assertions.Expect(desk.Locator("#reconciliation")).ToContainTextAsync("-9.99");
        await Assertions.Expect(desk.Locator("#reconciliation")).ToContainTextAsync("短款");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desk, "fees-cash-fj.deputy-desktop");
        await desk.GotoAsync("/Fees");
        await BrowserFixture.ScreenshotAsync(desk, "fees-list-fj.deputy-desktop");
        await desk.Locator("table.list a").First.ClickAsync();
        await Assertions.Expect(desk.Locator("img.fee-signature")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desk, "fees-details-fj.deputy-desktop");
    }

    internal static void Run(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program}: {error}");
    }

    private async Task<int> WorkOrderAsync()
    {
        var store = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(store, "fj.store");
        var created = await store.Context.APIRequest.PostAsync("/api/work-orders", new()
        {
            DataObject = new { kind = "Repair", customerId = 1, siteId = 1, description = "马桶漏水，需换角阀" },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("id").GetInt32();
        await store.Context.CloseAsync();
        return id;
    }
}
