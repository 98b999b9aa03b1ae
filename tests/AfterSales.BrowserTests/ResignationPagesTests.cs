using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// HR-2/HR-3 tried as new users would: 朱军 (tech07, Guangdong) on a 390 px phone writes his resignation; he has open
/// jobs, customers, tools, stock and cash collected. The regional manager at a desk approves it, is refused the exit
/// while anything is held, hands everything to 马超 (tech08) — one customer to another colleague — everyone signs,
/// and the exit completes with the deposit refunded by rule.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResignationPagesTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone390 = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_technician_with_jobs_customers_tools_and_cash_resigns_hands_everything_over_and_leaves_with_the_deposit_settled()
    {
        var (customerId, siteId, today, colleague, other) = await ArrangeAsync();

        // An open job for one of his customers, taken by the store (it goes to him, WO-4) …
        var store = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(store, "gd.store");
        var created = await store.Context.APIRequest.PostAsync("/api/work-orders", new()
        {
            DataObject = new { kind = "Repair", customerId, siteId, description = "花洒漏水" },
        });
        Assert.Equal(201, created.Status);
        var job = (await created.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("id").GetInt32();
        await store.Context.CloseAsync();

        // … and 100 yuan collected in cash on it, not handed in yet (FEE-2).
        var phone = await fixture.NewPageAsync(Phone390);
        await BrowserFixture.LogInAsync(phone, "tech07");
        var receipt = await phone.Context.APIRequest.PostAsync("/api/receipts", new()
        {
            DataObject = new { workOrderId = job, paymentMethod = "Cash", lines = new[] { new { description = "上门维修服务费", quantity = 1, unitPrice = 100 } } },
        });
        Assert.Equal(201, receipt.Status);
        var receiptJson = (await receipt.JsonAsync())!.Value;
        var signed = await phone.Context.APIRequest.PostAsync($"/api/receipts/{receiptJson.GetProperty("id").GetInt32()}/sign", new()
        {
            DataObject = new { name = "李先生", signature = Png, version = receiptJson.GetProperty("version").GetInt32() },
        });
        Assert.Equal(200, signed.Status);

        // HR-2: the resignation, written on the phone from the menu; too short a notice is refused beside the field.
        await phone.GotoAsync("/");
        await phone.Locator("#main-menu summary").TapAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "离职申请" }).TapAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "提交离职申请" }).TapAsync();
        await phone.GetByLabel("最后工作日").FillAsync(today.AddDays(20).ToString("yyyy-MM-dd"));
        await phone.GetByLabel("离职原因").FillAsync("家中老人需要照顾，回老家工作");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(phone.Locator("span.error, .field .error").First).ToContainTextAsync("离职须至少提前 30 天书面申请");
        await BrowserFixture.ScreenshotAsync(phone, "resignation-notice-refused-tech07-phone");
        await phone.GetByLabel("最后工作日").FillAsync(today.AddDays(31).ToString("yyyy-MM-dd"));
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".flash")).ToContainTextAsync("离职申请已提交");
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync("待审批");
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "resignation-submitted-tech07-phone");
        await BrowserFixture.ScreenshotAsync(phone, "resignation-submitted-tech07-phone");
        var url = new Uri(phone.Url).AbsolutePath;

        // The manager finds it among the pending ones and approves it.
        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "gd.manager");
        await desk.GotoAsync("/Resignations?state=Submitted");
        await desk.GetByRole(AriaRole.Link, new() { Name = "LZ" + url.Split('/')[^1].PadLeft(6, '0') }).ClickAsync();
        await desk.GetByLabel("审批意见").FillAsync("同意，请做好交接");
        await desk.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".flash")).ToContainTextAsync("已批准离职申请");

        // HR-3: what he still holds; the cash cannot be handed over, so the exit is refused and the page says what to do.
        var held = desk.Locator("section", new() { Has = desk.GetByRole(AriaRole.Heading, new() { Name = "仍持有的事项" }) });
        await Assertions.Expect(held).ToContainTextAsync($"WO{job:000000}");
        await Assertions.Expect(held).ToContainTextAsync("未上交现金");
        await Assertions.Expect(held.GetByRole(AriaRole.Link, new() { Name = "上交现金" })).ToHaveAttributeAsync("href", "/Fees/Cash");
        foreach (var kind in new[] { "工单", "客户", "工具", "库存" }) await Assertions.Expect(held).ToContainTextAsync(kind);
        desk.Dialog += (_, dialog) => dialog.AcceptAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "办结离职" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".alert")).ToContainTextAsync("离职人仍持有以下事项，不能办结离职");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desk, "resignation-handover-gd.manager-desktop");
        await BrowserFixture.ScreenshotAsync(desk, "resignation-exit-refused-gd.manager-desktop");

        // He hands in the cash on his phone.
        await phone.GotoAsync("/Fees/Cash");
        await phone.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^登记交款 ·") }).ClickAsync();
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("没有待交款的现金收费单");

        // Everything to 马超 by default, one customer to another colleague; Transfer.
        await desk.ReloadAsync();
        await Assertions.Expect(held).Not.ToContainTextAsync("未上交现金");
        await desk.GetByLabel("接收同事（默认全部交给）").SelectOptionAsync(new SelectOptionValue { Label = $"{colleague.Name} ({colleague.Number})" });
        await held.Locator("select[name^='Input.Items[Customer:']").First.SelectOptionAsync(new SelectOptionValue { Label = other.Name });
        await BrowserFixture.ScreenshotAsync(desk, "resignation-handover-form-gd.manager-desktop");
        await desk.GetByRole(AriaRole.Button, new() { Name = "交接", Exact = true }).ClickAsync();
        await Assertions.Expect(desk.Locator(".flash")).ToContainTextAsync("已交接");
        await Assertions.Expect(held).ToContainTextAsync("已无持有事项");
        var record = desk.Locator("section", new() { Has = desk.GetByRole(AriaRole.Heading, new() { Name = "交接单" }) });
        await Assertions.Expect(record).ToContainTextAsync(colleague.Name);
        await Assertions.Expect(record).ToContainTextAsync(other.Name);

        // The record is signed by the leaver, both colleagues and the manager, each under their own log-in.
        await SignAsync(phone, url, "朱军");
        await BrowserFixture.ScreenshotAsync(phone, "resignation-signed-tech07-phone");
        foreach (var (user, name) in new[] { ("tech08", colleague.Name), ("tech09", other.Name) })
        {
            var receiver = await fixture.NewPageAsync(Phone390);
            await BrowserFixture.LogInAsync(receiver, user);
            await SignAsync(receiver, url, name);
            await receiver.Context.CloseAsync();
        }
        await desk.ReloadAsync();
        await SignAsync(desk, url, "梁伟");

        // The exit completes: he can no longer log in, the deposit is refunded (he joined in 2024).
        await desk.GetByRole(AriaRole.Button, new() { Name = "办结离职" }).ClickAsync();
        await Assertions.Expect(desk.Locator(".flash")).ToContainTextAsync("离职已办结");
        await Assertions.Expect(desk.Locator("h1")).ToContainTextAsync("已办结");
        await BrowserFixture.ScreenshotAsync(desk, "resignation-completed-gd.manager-desktop");
        await desk.GetByRole(AriaRole.Link, new() { Name = "朱军" }).First.ClickAsync();
        var deposit = desk.Locator("section", new() { Has = desk.GetByRole(AriaRole.Heading, new() { Name = "押金" }) });
        await Assertions.Expect(deposit).ToContainTextAsync("退还");
        await Assertions.Expect(deposit).ToContainTextAsync("HR-2");
        await BrowserFixture.ScreenshotAsync(desk, "resignation-staff-deposit-gd.manager-desktop");
        await desk.Context.CloseAsync();
        await phone.Context.CloseAsync();

        var again = await fixture.NewPageAsync(Phone390);
        await again.GotoAsync("/Identity/Login");
        await again.GetByLabel("手机号或用户名").FillAsync("tech07");
        await again.GetByLabel("密码", new() { Exact = true }).FillAsync(AfterSales.Features.Demo.DemoCompany.Password);
        await again.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(again.Locator("main")).ToContainTextAsync("停用");
        await BrowserFixture.ScreenshotAsync(again, "resignation-login-refused-tech07-phone");
        await again.Context.CloseAsync();

        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(colleague.Id, await db.WorkOrders.Where(w => w.Id == job).Select(w => w.TechnicianId).SingleAsync());
    }

    private static async Task SignAsync(IPage page, string url, string name)
    {
        await page.GotoAsync(url);
        await page.GetByLabel("请输入您的姓名").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "签字确认" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("已签字");
        if (page.ViewportSize?.Width == Phone390.Width) await AssertFitsAsync(page);
    }

    private sealed record Person(int Id, string Name, string Number);

    private async Task<(int CustomerId, int SiteId, DateOnly Today, Person Colleague, Person Other)> ArrangeAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = scope.ServiceProvider.GetRequiredService<LocalTime>().Today;
        var leaver = await db.Staff.SingleAsync(s => s.StaffNumber == NumberOf("tech07"));
        var customer = await db.Customers.Where(c => c.TechnicianId == leaver.Id).OrderBy(c => c.Id).Select(c => new { c.Id, SiteId = c.Sites.First().Id }).FirstAsync();
        var colleague = await db.Staff.Where(s => s.StaffNumber == NumberOf("tech08")).Select(s => new Person(s.Id, s.Name, s.StaffNumber)).SingleAsync();
        var other = await db.Staff.Where(s => s.StaffNumber == NumberOf("tech09")).Select(s => new Person(s.Id, s.Name, s.StaffNumber)).SingleAsync();
        Assert.True(await db.DepositEntries.AnyAsync(d => d.StaffId == leaver.Id && d.Kind == DepositEntryKind.Held));
        return (customer.Id, customer.SiteId, today, colleague, other);
    }

    /// <summary>The demo numbers people in the order of its account list (S001 …).</summary>
    private static string NumberOf(string userName) =>
        $"S{AfterSales.Features.Demo.DemoCompany.Accounts.Select((a, i) => (a.UserName, i)).Single(a => a.UserName == userName).i + 1:000}";

    private static async Task AssertFitsAsync(IPage phone)
    {
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone390.Width, $"{phone.Url} is {width}px wide on a {Phone390.Width}px phone");
    }

    private const string Png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
}
