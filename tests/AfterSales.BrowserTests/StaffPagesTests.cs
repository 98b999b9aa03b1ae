using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>The staff and account pages as a person sees them: within the phone's width, and no serious axe violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffPagesTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("admin", "/Staff")]
    [InlineData("admin", "/Staff/Details/7")]
    [InlineData("admin", "/Staff/Edit/13")]
    [InlineData("admin", "/Staff/Edit")]
    [InlineData("admin", "/Admin/Users")]
    [InlineData("admin", "/Admin/Users/Create")]
    [InlineData("admin", "/Admin/Roles")]
    [InlineData("fj.manager", "/Staff")]
    public async Task A_staff_or_account_page_fits_the_phone_and_has_no_serious_violations(string user, string path)
    {
        foreach (var viewport in new[] { BrowserFixture.Phone, BrowserFixture.Desktop })
        {
            var page = await fixture.NewPageAsync(viewport);
            await BrowserFixture.LogInAsync(page, user);
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= viewport.Width, $"{path} is {width}px wide on a {viewport.Width}px screen");
            var name = $"{user}-{path.Trim('/').Replace('/', '-').ToLowerInvariant()}-{(viewport == BrowserFixture.Phone ? "phone" : "desktop")}";
            await BrowserFixture.ScreenshotAsync(page, name);
            AxeResult result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_staff_list_filters_by_role_from_the_roles_page()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(page, "admin");
        await page.GotoAsync("/Admin/Roles");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "售后人员" }).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Staff?role=Technician", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#role")).ToHaveValueAsync("Technician");
        await Assertions.Expect(page.Locator("table.list tbody tr")).ToHaveCountAsync(10);
        await page.Context.CloseAsync();
    }
}
