using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>Customers as people use them: a technician finds their own, and never another region's (SEC-2).</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_technician_sees_their_own_customers_and_a_not_found_page_for_another_regions_customer()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(page, "tech01");

        await page.GotoAsync("/Customers");
        var rows = page.Locator("table.list tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("table.list")).ToContainTextAsync("C0001");
        await BrowserFixture.ScreenshotAsync(page, "customers-tech01-phone");

        // C0002 belongs to region GD.
        var response = await page.GotoAsync("/Customers/Details/2");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("C0002");
        await BrowserFixture.ScreenshotAsync(page, "customers-other-region-tech01-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_searches_customers_and_opens_one()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(page, "fj.manager");
        await page.GotoAsync("/Customers");
        await page.GetByLabel("搜索").FillAsync("漳州");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        var first = page.Locator("table.list tbody tr a").First;
        await first.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("漳州");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "变更记录" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "customer-details-fj.manager-desktop");
        await page.Context.CloseAsync();
    }
}
