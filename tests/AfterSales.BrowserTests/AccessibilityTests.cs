using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>An axe scan finds no serious or critical accessibility violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_log_in_page_has_no_serious_violations()
    {
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await page.GotoAsync("/Identity/Login");
        await AssertNoSeriousViolationsAsync(page, "login-phone");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("admin", "/Regions")]
    [InlineData("fj.manager", "/Customers")]
    [InlineData("tech01", "/Equipment")]
    [InlineData("support", "/Products")]
    [InlineData("supervision", "/Audit")]
    [InlineData("tech01", "/Visits")]
    [InlineData("fj.manager", "/Schedule")]
    [InlineData("fj.manager", "/Schedule/Confirmations")]
    [InlineData("support", "/Support")]
    [InlineData("admin", "/Admin/Outbox")]
    [InlineData("fj.manager", "/Callbacks")]
    public async Task A_list_page_has_no_serious_violations(string user, string path)
    {
        foreach (var viewport in new[] { BrowserFixture.Phone, BrowserFixture.Desktop })
        {
            var page = await fixture.NewPageAsync(viewport);
            await BrowserFixture.LogInAsync(page, user);
            await page.GotoAsync(path);
            await AssertNoSeriousViolationsAsync(page, $"{path.Trim('/').Replace('/', '-').ToLowerInvariant()}-{(viewport == BrowserFixture.Phone ? "phone" : "desktop")}");
            await page.Context.CloseAsync();
        }
    }

    internal static async Task AssertNoSeriousViolationsAsync(IPage page, string screenshot)
    {
        await BrowserFixture.ScreenshotAsync(page, screenshot);
        AxeResult result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}
