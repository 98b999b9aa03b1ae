using System.Globalization;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// A three-day trip as a new user meets it (TRV-1…TRV-4, issue 7): tech01 opens it on a 390 px phone, departs, adds two
/// machine-printed tickets with photos and a hand ticket (refused without its places first), a special expense with its
/// receipt, closes it with the actual times and submits; the manager and finance approve it on a desktop; the per diem,
/// the claim and the month's reimbursement list agree with the sums worked out by hand below.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TripPagesTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone390 = new() { Width = 390, Height = 844 };
    private static readonly byte[] Picture = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAZElEQVR4nO3PUQkAIBTAwBfHiEY0liH8OITBAtzm7PV1wwUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY0oAUNaEEDWtCAFjSgBQ1oQQNa0IAWNKAFDWhBA1rQgBY8dgGJouDxWSHk+wAAAABJRU5ErkJggg==");

    // The app's clock cannot be moved from a browser test and a trip is closed only once it is over (its return is not
    // in the future), so the trip is ten days back: D 09:30 to D+2, whatever today is; its month is that of its return.
    private static readonly DateOnly D = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))).AddDays(-10);

    // The claim worked out by hand.
    private const decimal TicketOut = 98.50m, TicketBack = 112.00m, HandTicket = 24.00m, Expense = 65.00m;
    private const decimal TicketsTotal = TicketOut + TicketBack + HandTicket; // 234.50
    private const decimal PerDiemTotal = 30 + 30 + 15;                       // TRV-2: left 09:30 < 12:00 full, D+1 full, return day 15
    private const decimal ClaimTotal = TicketsTotal + PerDiemTotal + Expense; // 374.50

    [Fact]
    public async Task A_technician_records_a_three_day_trip_on_a_phone_and_the_manager_and_finance_approve_it()
    {
        Assert.Equal(75m, PerDiemTotal);
        Assert.Equal(374.50m, ClaimTotal);
        var id = await TechnicianRecordsTheTripAsync();
        await ManagerAndFinanceApproveAsync(id);
    }

    private async Task<int> TechnicianRecordsTheTripAsync()
    {
        var phone = await fixture.NewPageAsync(Phone390);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync("/Trips");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("我的出差");
        await phone.GetByRole(AriaRole.Link, new() { Name = "新建出差" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("新建出差");
        // The home station is prefilled with the region's city.
        await Assertions.Expect(phone.GetByLabel("常驻地")).ToHaveValueAsync("厦门");
        await phone.GetByLabel("目的地").FillAsync("福州、泉州");
        await phone.GetByLabel("计划出发").FillAsync(Local(D, 9, 30));
        await phone.GetByLabel("计划返回").FillAsync(Local(D.AddDays(2), 17, 0));
        await phone.GetByLabel("出差事由").FillAsync("福州、泉州客户设备年检");
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "trips-new-tech01-phone");
        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "创建出差" }));

        await Assertions.Expect(phone.Locator("#state")).ToHaveTextAsync("计划中");
        var id = int.Parse(new Uri(phone.Url).AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);
        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "现在出发" }));
        await Assertions.Expect(phone.Locator("#state")).ToHaveTextAsync("出差中");
        // Left now, after the planned return: the estimate keeps the planned length (2 days 7½ h: three or four days), it
        // does not fall over on a return before the departure.
        Assert.InRange(await phone.Locator("#per-diem tbody tr").CountAsync(), 3, 4);
        await BrowserFixture.ScreenshotAsync(phone, "trips-underway-tech01-phone");

        // Two machine-printed tickets, each with its photo from the camera.
        await AddTicketAsync(phone, "机打车票", TicketOut, D, photo: true);
        await AddTicketAsync(phone, "机打车票", TicketBack, D.AddDays(2), photo: true);
        // A hand ticket without its places is refused, beside the field, in Chinese (TRV-1) …
        await AddTicketAsync(phone, "长条票", HandTicket, D.AddDays(1), photo: false);
        await Assertions.Expect(phone.Locator("#boarding ~ .error")).ToHaveTextAsync("长条票须注明上车地点和到达地点才能报销。");
        await Assertions.Expect(phone.Locator("#boarding")).ToBeFocusedAsync(); // the phone scrolls to it
        await Assertions.Expect(phone.Locator("#departed")).Not.ToHaveValueAsync(""); // the other forms keep their values
        await Assertions.Expect(phone.Locator("#tickets + table.list tbody tr")).ToHaveCountAsync(2);
        await AssertFitsAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "trips-hand-ticket-refused-tech01-phone");
        // … and accepted with them; the form kept what was typed.
        await Assertions.Expect(phone.Locator("#ticket-amount")).ToHaveValueAsync("24.00");
        await phone.GetByLabel("上车地点").FillAsync("福州");
        await phone.GetByLabel("到达地点").FillAsync("泉州");
        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "添加车票" }));
        var tickets = phone.Locator("#tickets + table.list tbody tr");
        await Assertions.Expect(tickets).ToHaveCountAsync(3);
        await Assertions.Expect(tickets.Nth(1)).ToContainTextAsync("福州 → 泉州");
        await Assertions.Expect(phone.Locator("#tickets .muted")).ToHaveTextAsync(Yuan(TicketsTotal));

        // A special expense with its receipt (TRV-4).
        await phone.GetByText("添加费用", new() { Exact = true }).First.ClickAsync();
        await phone.Locator("#receipt-photo").SetInputFilesAsync(new FilePayload { Name = "receipt.png", MimeType = "image/png", Buffer = Picture });
        await Assertions.Expect(phone.Locator("#receipt-photo ~ .photo-preview")).ToBeVisibleAsync();
        await phone.GetByLabel("内容").FillAsync("设备配件托运费");
        await phone.Locator("#expense-amount").FillAsync(Expense.ToString("0.00", CultureInfo.InvariantCulture));
        await phone.GetByLabel("日期", new() { Exact = true }).FillAsync(Day(D.AddDays(1)));
        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "添加费用" }));
        await Assertions.Expect(phone.Locator("#expenses + table.list tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("#expenses .muted")).ToHaveTextAsync(Yuan(Expense));

        // Closing: the actual departure and return, and how they reported back (before the end of work: at the company, TRV-3).
        await phone.GetByLabel("出发时间").FillAsync(Local(D, 9, 30));
        await phone.GetByLabel("返回时间").FillAsync(Local(D.AddDays(2), 16, 40));
        await phone.GetByLabel("回公司汇报").CheckAsync();
        await phone.GetByLabel("汇报或通话时间").FillAsync(Local(D.AddDays(2), 17, 20));
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "trips-close-tech01-phone");
        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "结束出差" }));
        await Assertions.Expect(phone.Locator("#state")).ToHaveTextAsync("已返回");
        await Assertions.Expect(phone.Locator("#return-contact")).ToHaveTextAsync("符合规定");

        // TRV-2 day by day.
        var days = phone.Locator("#per-diem tbody tr");
        await Assertions.Expect(days).ToHaveCountAsync(3);
        await AssertDayAsync(days.Nth(0), D, 30, "出发日：09:30 出发，早于 12:00，按全天计 30 元");
        await AssertDayAsync(days.Nth(1), D.AddDays(1), 30, "出差全天：30 元");
        await AssertDayAsync(days.Nth(2), D.AddDays(2), 15, "返回日：16:40 返回，计 15 元");
        await AssertClaimAsync(phone);

        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "提交报销" }));
        await Assertions.Expect(phone.Locator("#state")).ToHaveTextAsync("已提交");
        await AssertClaimAsync(phone);
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "trips-submitted-tech01-phone");
        await phone.GetByRole(AriaRole.Link, new() { Name = "← 出差" }).ClickAsync();
        await Assertions.Expect(phone.Locator("table.list tbody tr").First).ToContainTextAsync($"TR{id:000000}");
        await Assertions.Expect(phone.Locator("table.list tbody tr").First).ToContainTextAsync("已提交");
        await AssertFitsAsync(phone);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "trips-list-tech01-phone");
        await phone.Context.CloseAsync();
        return id;
    }

    private async Task ManagerAndFinanceApproveAsync(int id)
    {
        var number = $"TR{id:000000}";
        var manager = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(manager, "fj.manager");
        await manager.GotoAsync("/Trips");
        await manager.Locator("#awaiting").ClickAsync();
        await Assertions.Expect(manager.Locator("h1")).ToHaveTextAsync("待我审批");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(manager, "trips-awaiting-fj.manager-desktop");
        await ClickAsync(manager, manager.GetByRole(AriaRole.Link, new() { Name = number }));
        await AssertClaimAsync(manager);
        await ClickAsync(manager, manager.GetByRole(AriaRole.Button, new() { Name = "批准 · 经理审批" }));
        await Assertions.Expect(manager.Locator("#state")).ToHaveTextAsync("经理已批");
        await manager.GotoAsync("/Trips?awaiting=true");
        await Assertions.Expect(manager.Locator("table.list")).ToContainTextAsync("没有待您审批的报销。");
        await manager.Context.CloseAsync();

        var finance = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(finance, "finance");
        await finance.GotoAsync("/Trips?awaiting=true");
        await ClickAsync(finance, finance.GetByRole(AriaRole.Link, new() { Name = number }));
        await ClickAsync(finance, finance.GetByRole(AriaRole.Button, new() { Name = "批准 · 财务审批" }));
        await Assertions.Expect(finance.Locator("#state")).ToHaveTextAsync("财务已批");
        var claim = finance.Locator("#claim");
        await Assertions.Expect(claim).ToContainTextAsync("经理审批林海");
        await Assertions.Expect(claim).ToContainTextAsync("财务审批赵敏");
        await AssertClaimAsync(finance);
        await AccessibilityTests.AssertNoSeriousViolationsAsync(finance, "trips-approved-finance-desktop");

        // The reimbursement list of the month the trip returned in: tech01's row as worked out by hand.
        var month = D.AddDays(2).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await finance.GotoAsync($"/Trips/Reimbursements?month={month}");
        var row = finance.Locator("#reimbursements tbody tr", new() { Has = finance.GetByRole(AriaRole.Link, new() { Name = "张伟" }) });
        await Assertions.Expect(row.Locator("td")).ToHaveTextAsync(["福建区", "S013", "张伟", "1", Money(TicketsTotal), Money(PerDiemTotal), Money(Expense), Money(ClaimTotal)],
            new() { UseInnerText = true });
        await AccessibilityTests.AssertNoSeriousViolationsAsync(finance, "trips-reimbursements-finance-desktop");

        var download = await finance.RunAndWaitForDownloadAsync(() => finance.Locator("#excel").ClickAsync());
        Assert.Equal($"reimbursements-{month}.xlsx", download.SuggestedFilename);
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, "trips-reimbursements.xlsx");
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2)); // an xlsx is a zip
        var answer = await finance.Context.APIRequest.GetAsync($"/api/trips/reimbursements/{month}/export");
        Assert.Equal(200, answer.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", answer.Headers["content-type"]);
        await finance.Context.CloseAsync();
    }

    private static async Task AddTicketAsync(IPage phone, string kind, decimal amount, DateOnly travelOn, bool photo)
    {
        var form = phone.Locator("details", new() { Has = phone.Locator("#ticketForm") });
        if (await form.GetAttributeAsync("open") is null) await form.Locator("summary").ClickAsync();
        if (photo)
        {
            await phone.Locator("#ticket-photo").SetInputFilesAsync(new FilePayload { Name = "ticket.png", MimeType = "image/png", Buffer = Picture });
            await Assertions.Expect(phone.Locator("#ticket-photo ~ .photo-preview")).ToBeVisibleAsync();
        }
        await phone.GetByLabel("票据类型").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await phone.Locator("#ticket-amount").FillAsync(amount.ToString("0.00", CultureInfo.InvariantCulture));
        await phone.GetByLabel("乘车日期").FillAsync(Day(travelOn));
        await ClickAsync(phone, phone.GetByRole(AriaRole.Button, new() { Name = "添加车票" }));
    }

    private static async Task AssertDayAsync(ILocator row, DateOnly date, decimal amount, string reason) =>
        await Assertions.Expect(row.Locator("td")).ToHaveTextAsync([Day(date), Money(amount), reason]);

    /// <summary>The claim box: tickets + per diem + expenses = total, as worked out by hand.</summary>
    private static async Task AssertClaimAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#claim dd")).ToContainTextAsync([Yuan(TicketsTotal), Yuan(PerDiemTotal), Yuan(Expense), Yuan(ClaimTotal)]);
        await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync(Yuan(ClaimTotal));
    }

    /// <summary>Nothing scrolls sideways on the phone.</summary>
    private static async Task AssertFitsAsync(IPage phone)
    {
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone390.Width, $"{phone.Url} is {width}px wide");
    }

    /// <summary>Clicks and waits for the server's answer (a new page has no stale mark).</summary>
    private static async Task ClickAsync(IPage page, ILocator target)
    {
        await page.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await target.ClickAsync();
        await page.WaitForFunctionAsync("() => document.body && !document.body.dataset.stale");
    }

    private static string Local(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
    private static string Yuan(decimal amount) => "¥" + Money(amount);
}
