using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>Each role logs in and sees, in Chinese, exactly the menu it may use — on a phone and on a desktop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NavigationTests(BrowserFixture fixture)
{
    private static readonly string[] Everyone = ["首页", "今日工作", "工单", "排班", "技术求助", "服务记录", "收费", "出差", "库存", "基地安全", "考核", "制度确认", "客户", "销售线索", "离职申请", "设备", "产品"];

    /// <summary>The menu of those who call customers back (RPT-4) and receive the daily reports (RPT-2): after the records and fees.</summary>
    private static readonly string[] Supervising = ["首页", "今日工作", "工单", "排班", "技术求助", "服务记录", "收费", "出差", "库存", "基地安全", "客户回访", "工作日报", "考核", "制度确认", "客户", "销售线索", "离职申请", "设备", "产品"];

    /// <summary>Managers, deputies, supervision, the GM and the administrator also see the technicians' attendance (ATT-1).</summary>
    private static readonly string[] SupervisingWithAttendance = [.. Supervising[..13], "考勤定位", .. Supervising[13..]];

    /// <summary>Those who dispatch (SCH-4) see the dispatch board after the schedule.</summary>
    private static readonly string[] Dispatching = [.. Supervising[..4], "调度", .. Supervising[4..]];

    private static readonly string[] DispatchingWithAttendance = [.. Dispatching[..14], "考勤定位", .. Dispatching[14..]];

    public static TheoryData<string, string, string[]> Roles => new()
    {
        { "tech01", "售后人员", Everyone },
        { "fj.store", "店面/导购", Everyone },
        { "support", "技术支持", Everyone },
        { "fj.manager", "售后经理", [.. DispatchingWithAttendance, "员工"] },
        { "fj.deputy", "副经理", [.. DispatchingWithAttendance, "员工"] },
        { "supervisor", "部门主管", [.. Dispatching, "员工"] },
        { "finance", "财务", [.. Everyone, "员工"] },
        { "supervision", "督导部", [.. SupervisingWithAttendance, "员工", "审计日志"] },
        { "gm", "总经理", [.. DispatchingWithAttendance, "员工", "区域", "审计日志"] },
        { "admin", "系统管理员", [.. DispatchingWithAttendance, "员工", "区域", "用户", "导入", "审计日志", "消息发件箱"] },
    };

    [Theory, MemberData(nameof(Roles))]
    public async Task A_role_sees_its_menu_on_a_desktop(string user, string roleName, string[] menu)
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(page, user);

        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync(roleName);
        var items = await page.Locator("nav[aria-label='主导航'] a").AllInnerTextsAsync();
        Assert.Equal(menu, items.Select(i => i.Trim()).ToArray());
        await BrowserFixture.ScreenshotAsync(page, $"home-{user}-desktop");
        await page.Context.CloseAsync();
    }

    [Theory, MemberData(nameof(Roles))]
    public async Task A_role_sees_its_menu_behind_the_menu_button_on_a_phone(string user, string roleName, string[] menu)
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(page, user);

        var nav = page.Locator("nav[aria-label='主导航']");
        await Assertions.Expect(nav).ToBeHiddenAsync();
        await page.Locator("#main-menu summary").TapAsync();
        await Assertions.Expect(nav).ToBeVisibleAsync();
        var items = await nav.Locator("a").AllInnerTextsAsync();
        Assert.Equal(menu, items.Select(i => i.Trim()).ToArray());
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync(roleName);
        // Nothing is wider than the phone's screen.
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserFixture.Phone.Width, $"page is {scrollWidth}px wide on a {BrowserFixture.Phone.Width}px phone");
        await BrowserFixture.ScreenshotAsync(page, $"home-{user}-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_technician_who_opens_a_page_of_another_role_is_told_so()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(page, "tech01");
        await page.GotoAsync("/Regions");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "无权访问" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
