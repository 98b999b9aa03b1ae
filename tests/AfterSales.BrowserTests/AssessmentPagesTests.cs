using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// Issue 5 as people use it: the GM approves a policy change, a manager records incidents, the technician appeals on
/// the phone and reads the statement, the supervision department decides, finance closes the month.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssessmentPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_policy_change_an_incident_an_appeal_from_the_phone_and_the_month_close()
    {
        // POL-1: the supervision department drafts a change; a wrong value is listed with its field and the text is kept.
        var office = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(office, "supervision");
        await office.GotoAsync("/Assessment/Policy");
        await office.GetByRole(AriaRole.Button, new() { Name = "新建草稿" }).ClickAsync();
        await Assertions.Expect(office.Locator("#policy-state")).ToHaveTextAsync("草稿");
        var editor = office.GetByLabel("考核制度文件（YAML）");
        var original = await editor.InputValueAsync();
        await editor.FillAsync(original.Replace("      - pay: 50", "      - pay: -50"));
        await office.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(office.Locator("#policy-problems")).ToContainTextAsync("kinds.phone_unreachable.steps[0].pay：金额不能为负数。");
        Assert.Contains("pay: -50", await office.GetByLabel("考核制度文件（YAML）").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(office, "assessment-policy-error-supervision-desktop");
        await office.GetByLabel("考核制度文件（YAML）").FillAsync(original.Replace("      - pay: 50", "      - pay: 60"));
        await office.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(office.Locator(".flash")).ToContainTextAsync("草稿已保存");
        await office.GetByRole(AriaRole.Button, new() { Name = "提交总经理审批" }).ClickAsync();
        await Assertions.Expect(office.Locator("#policy-state")).ToHaveTextAsync("待审批");
        var policyUrl = office.Url;

        var gm = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(gm, "gm");
        await gm.GotoAsync(policyUrl);
        await gm.GetByRole(AriaRole.Button, new() { Name = "批准" }).ClickAsync();
        await Assertions.Expect(gm.Locator("#policy-state")).ToHaveTextAsync("已批准");
        await BrowserFixture.ScreenshotAsync(gm, "assessment-policy-approved-gm-desktop");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(gm, "assessment-policy-approved-gm-desktop");
        await gm.Context.CloseAsync();

        // A manager records a complaint about tech01 in October; an amount outside the range is refused beside the field.
        var manager = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(manager, "fj.manager");
        await manager.GotoAsync("/Assessment/Incidents/New");
        await manager.GetByLabel("人员").SelectOptionAsync(new SelectOptionValue { Label = "张伟 · S013" });
        await manager.GetByLabel("类型").SelectOptionAsync("leaving_post");
        await manager.GetByLabel("发生时间").FillAsync("2026-10-05T10:00");
        await manager.GetByLabel("事件经过").FillAsync("上班时间离开服务区两小时");
        await manager.GetByLabel("金额（元）").FillAsync("800");
        await manager.GetByRole(AriaRole.Button, new() { Name = "登记考核事件" }).ClickAsync();
        await Assertions.Expect(manager.Locator("span.error", new() { HasText = "金额必须在 100 元到 500 元之间。" })).ToBeVisibleAsync();
        Assert.Equal("上班时间离开服务区两小时", await manager.GetByLabel("事件经过").InputValueAsync());
        await BrowserFixture.ScreenshotAsync(manager, "assessment-incident-refused-fj.manager-desktop");
        await manager.GetByLabel("类型").SelectOptionAsync("complaint_attitude");
        await manager.GetByLabel("金额（元）").FillAsync("");
        await manager.GetByLabel("事件经过").FillAsync("客户投诉安装时态度生硬");
        await manager.GetByRole(AriaRole.Button, new() { Name = "登记考核事件" }).ClickAsync();
        await Assertions.Expect(manager.Locator("h1")).ToContainTextAsync("态度投诉");
        await Assertions.Expect(manager.Locator("ul.incident-lines")).ToContainTextAsync("本月第 1 次态度投诉");
        await Assertions.Expect(manager.Locator("ul.incident-lines")).ToContainTextAsync("100.00");
        var incidentUrl = manager.Url;
        await manager.Context.CloseAsync();

        // The technician sees it on the phone and appeals.
        var phone = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync("/Assessment?month=2026-10");
        await Assertions.Expect(phone.Locator("#statement")).ToContainTextAsync("本月第 1 次态度投诉");
        await Assertions.Expect(phone.Locator("#net")).ToHaveTextAsync("600.00"); // 1000 − 100 − 300 as the month's very last (RNK-2)
        await phone.Locator("#statement a", new() { HasText = "AS" }).First.ClickAsync();
        await phone.GetByLabel("申诉理由").FillAsync("当天客户在外地，投诉的是另一次上门");
        await phone.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交申诉" }).ClickAsync();
        await phone.WaitForFunctionAsync("() => !document.body.dataset.stale");
        await Assertions.Expect(phone.Locator("#incident-state")).ToHaveTextAsync("申诉中");
        var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserFixture.Phone.Width, $"page is {scrollWidth}px wide");
        await BrowserFixture.ScreenshotAsync(phone, "assessment-appeal-tech01-phone");

        // The supervision department dismisses the appeal with a reason.
        await office.GotoAsync(incidentUrl);
        await office.GetByLabel("处理意见").FillAsync("回访核实，投诉属实");
        await office.GetByRole(AriaRole.Button, new() { Name = "驳回申诉" }).ClickAsync();
        await Assertions.Expect(office.Locator("#incident-state")).ToHaveTextAsync("申诉驳回");

        // Finance closes October; the statement is final.
        var finance = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(finance, "finance");
        await finance.GotoAsync("/Assessment?month=2026-10");
        finance.Dialog += (_, dialog) => dialog.AcceptAsync();
        await finance.GetByRole(AriaRole.Button, new() { Name = "2026-10 月结" }).ClickAsync();
        await Assertions.Expect(finance.Locator(".flash")).ToContainTextAsync("2026-10 已月结");
        await Assertions.Expect(finance.Locator("table.list")).ToContainTextAsync("张伟");
        await BrowserFixture.ScreenshotAsync(finance, "assessment-month-finance-desktop");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(finance, "assessment-month-finance-desktop");

        // RNK-1: the year's ranks, and one person's score and rank drawn by Chart.js.
        await finance.GotoAsync("/Assessment/Ranking?year=2026");
        await finance.Locator("table.ranking a", new() { HasText = "张伟" }).ClickAsync();
        await Assertions.Expect(finance.Locator("h2")).ToContainTextAsync("张伟：各月得分与排名");
        Assert.True(await finance.EvaluateAsync<bool>("() => !!Chart.getChart(document.getElementById('ranking-chart'))"), "the chart is drawn");
        await BrowserFixture.ScreenshotAsync(finance, "assessment-ranking-finance-desktop");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(finance, "assessment-ranking-finance-desktop");

        await phone.GotoAsync("/Assessment?month=2026-10");
        await Assertions.Expect(phone.Locator("#statement h2")).ToContainTextAsync("已月结");
        await Assertions.Expect(phone.Locator("#net")).ToHaveTextAsync("600.00"); // 1000 − 100 − 300 as the month's very last (RNK-2)
        await BrowserFixture.ScreenshotAsync(phone, "assessment-statement-tech01-phone");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "assessment-statement-tech01-phone");
        await phone.Context.CloseAsync();
        await finance.Context.CloseAsync();
        await office.Context.CloseAsync();
    }
}
