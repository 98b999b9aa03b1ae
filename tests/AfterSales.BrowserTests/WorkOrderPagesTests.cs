using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>A job from intake to the technician's first call, on the devices the people use.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkOrderPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_store_takes_a_job_on_a_desktop_and_the_technician_records_the_call_on_a_phone()
    {
        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "fj.store");
        await desk.GotoAsync("/WorkOrders/New");
        await desk.GetByLabel("客户").SelectOptionAsync(new SelectOptionValue { Label = "C0011 徐建华" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "下一步" }).ClickAsync();
        await desk.GetByLabel("类型").SelectOptionAsync("Installation");
        await desk.GetByLabel("工作内容").FillAsync("送货安装淋浴房，业主要求上午");
        await BrowserFixture.ScreenshotAsync(desk, "work-order-new-fj.store-desktop");
        await desk.GetByRole(AriaRole.Button, new() { Name = "创建工单" }).ClickAsync();
        await Assertions.Expect(desk.Locator("h1")).ToContainTextAsync("WO");
        var url = desk.Url;
        await desk.Context.CloseAsync();

        var phone = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync("/WorkOrders");
        await phone.Locator("table.list a", new() { HasText = "WO" }).First.ClickAsync();
        Assert.Equal(url, phone.Url);
        await phone.GetByLabel("结果").SelectOptionAsync("Reached");
        await phone.GetByLabel("施工进度").FillAsync("瓷砖已贴完");
        await phone.GetByLabel("业主").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "保存通话记录" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1 .badge")).ToHaveTextAsync("已联系");
        await Assertions.Expect(phone.Locator("ul.contacts")).ToContainTextAsync("瓷砖已贴完");
        // VIS-1 on the phone's job page: the goods check is the first line of the installation's pre-departure checklist.
        await phone.GetByRole(AriaRole.Link, new() { Name = "打开现场页面" }).ClickAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "货物已开箱检查：无缺件、无损坏" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "货物已开箱检查：无缺件、无损坏" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(phone.Locator("h3", new() { HasText = "出发前检查" })).ToContainTextAsync("1/4");
        var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserFixture.Phone.Width, $"page is {scrollWidth}px wide");
        await BrowserFixture.ScreenshotAsync(phone, "work-order-contacted-tech01-phone");
        await phone.Context.CloseAsync();
    }
}
