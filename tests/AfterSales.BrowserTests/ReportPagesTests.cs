using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>RPT-2/RPT-3 in the browser: a manager enters a technician's daily report on a phone and sees it matched to the day's job; axe finds no serious violation on the pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportPagesTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_manager_pastes_a_report_on_a_phone_and_sees_the_matching_and_the_day_board()
    {
        var (job, day) = await JobOfTodayAsync();
        var phone = await fixture.NewPageAsync(Phone);
        await BrowserFixture.LogInAsync(phone, "fj.manager");
        await phone.GotoAsync($"/Reports/Today?date={day}");
        await Assertions.Expect(phone.Locator("#day-board")).ToContainTextAsync("张伟");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "reports-today-before-phone");

        await phone.GotoAsync($"/Reports/Paste?day={day}");
        var tech01 = await phone.Locator("select#Input_TechnicianId option", new() { HasText = "张伟" }).GetAttributeAsync("value");
        await phone.GetByLabel("技术员").SelectOptionAsync(tech01!);
        await phone.GetByLabel("短信原文").FillAsync("11月28日\nA住宅卷压设备,13800000001,更换油管\nB厦门某处淋浴房,1360000****,维护\n张伟");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "reports-paste-phone");
        await phone.GetByRole(AriaRole.Button, new() { Name = "识别并匹配" }).ClickAsync();
        await phone.WaitForURLAsync(url => url.Contains("/Reports/Details/", StringComparison.Ordinal));
        var entries = phone.Locator("table.list").First;
        var matched = entries.Locator("tr", new() { HasText = "住宅卷压设备" });
        // Matched to tech01's job of the day at that site: the one made above, or — when other tests of the run booked
        // tech01 at the same site today — one of those, which fits the entry just as well.
        var link = matched.Locator("a[href^='/WorkOrders/Details/']");
        await Assertions.Expect(link).ToBeVisibleAsync();
        var matchedJob = int.Parse((await link.GetAttributeAsync("href"))!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var jobDto = (await (await phone.Context.APIRequest.GetAsync($"/api/work-orders/{matchedJob}")).JsonAsync())!.Value.GetProperty("workOrder");
        var createdJob = (await (await phone.Context.APIRequest.GetAsync($"/api/work-orders/{job}")).JsonAsync())!.Value.GetProperty("workOrder");
        Assert.Equal(createdJob.GetProperty("siteId").GetInt32(), jobDto.GetProperty("siteId").GetInt32());
        Assert.Equal(createdJob.GetProperty("technicianId").GetInt32(), jobDto.GetProperty("technicianId").GetInt32());
        await Assertions.Expect(entries.Locator("tr", new() { HasText = "厦门某处淋浴房" })).ToContainTextAsync("未匹配到工单");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "reports-details-phone");
        var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Phone.Width, $"page is {scrollWidth}px wide");

        await phone.GotoAsync($"/Reports/Today?date={day}");
        var row = phone.Locator("#day-board tr", new() { HasText = "张伟" });
        await Assertions.Expect(row.Locator("a[href^='/Reports/Details/']")).ToBeVisibleAsync();
        // The same board shows where tech01 was last seen and the map of the day (ATT-1) beside the report (RPT-3).
        await Assertions.Expect(row.Locator("td[data-label='最新定位']")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#map-title")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoSeriousViolationsAsync(phone, "reports-today-phone");
        await phone.Context.CloseAsync();

        var desktop = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desktop, "fj.manager");
        await desktop.GotoAsync("/Reports");
        await Assertions.Expect(desktop.Locator("table.list")).ToContainTextAsync("张伟");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desktop, "reports-list-desktop");
        await desktop.Locator("table.list a[href^='/Reports/Details/']").First.ClickAsync();
        await Assertions.Expect(desktop.Locator("h1")).ToContainTextAsync("日报");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desktop, "reports-details-desktop");
        await desktop.GotoAsync($"/Reports/Today?date={day}");
        await AccessibilityTests.AssertNoSeriousViolationsAsync(desktop, "reports-today-desktop");
        await desktop.Context.CloseAsync();
    }

    /// <summary>tech01's installation booked half an hour from now; the local day it falls on (yyyy-MM-dd).</summary>
    private async Task<(int Id, string Day)> JobOfTodayAsync()
    {
        var store = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(store, "fj.store");
        var created = await store.Context.APIRequest.PostAsync("/api/work-orders", new()
        {
            DataObject = new { kind = "Installation", customerId = 1, siteId = 1, description = "安装卷压设备", items = new[] { new { productId = 1, quantity = 1 } } },
        });
        Assert.Equal(201, created.Status);
        var id = (await created.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("id").GetInt32();
        await store.Context.CloseAsync();

        var tech = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(tech, "tech01");
        var start = DateTimeOffset.UtcNow.AddMinutes(30);
        var contacted = await tech.Context.APIRequest.PostAsync($"/api/work-orders/{id}/contacts",
            new() { DataObject = new { outcome = "Reached", agreedStart = start, agreedEnd = start.AddHours(2), required = "Owner" } });
        Assert.Equal(200, contacted.Status);
        await tech.Context.CloseAsync();
        return (id, start.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }
}
