using System.Globalization;
using AfterSales.Data;
using AfterSales.Features.Demo;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// The dispatch board as a new user meets it (SCH-4, issue 11): the FJ dispatcher (林海, fj.manager) opens the next
/// working day on a desktop, runs the optimizer, accepts part of its plan (张伟's jobs), drags one job onto 吴磊's row,
/// sees the conflict warning (吴磊 does not do bathrooms) before anything is saved, saves anyway; 张伟 (tech01) then sees
/// the new order with planned starts on a 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DispatchPagesTests(BrowserFixture fixture)
{
    private static readonly ViewportSize Phone390 = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task The_dispatcher_optimises_the_next_day_accepts_part_moves_a_job_past_its_warning_and_the_phone_shows_the_order()
    {
        var (day, tech01, tech04) = await SeedAsync();
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var desk = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(desk, "fj.manager");
        await desk.GotoAsync("/");
        await desk.GetByRole(AriaRole.Link, new() { Name = "调度" }).First.ClickAsync();
        await Assertions.Expect(desk.Locator("h1")).ToContainTextAsync("调度看板");
        await desk.GotoAsync($"/Dispatch?region=FJ&day={date}");
        await Assertions.Expect(desk.Locator("#unplanned-title")).ToContainTextAsync($"({DemoDispatch.Jobs.Length})");
        await BrowserFixture.ScreenshotAsync(desk, "dispatch-board-before-fj-manager");

        // The optimizer proposes; nothing is assigned yet.
        await ClickAsync(desk, desk.Locator("#optimize"));
        var proposal = desk.Locator(".dispatch-proposal");
        await Assertions.Expect(proposal).ToContainTextAsync("排班建议");
        await Assertions.Expect(proposal).ToContainTextAsync("无法安排");
        await Assertions.Expect(proposal).ToContainTextAsync("下班");
        await BrowserFixture.ScreenshotAsync(desk, "dispatch-proposal-fj-manager");

        // Part of it: 张伟's lines only.
        var mine = proposal.Locator("tbody tr", new() { HasText = "张伟" }).Locator("input[type=checkbox]");
        var ticked = await mine.CountAsync();
        Assert.True(ticked >= 2, "张伟 gets at least two jobs in Xiamen");
        for (var i = 0; i < ticked; i++) await mine.Nth(i).CheckAsync();
        await ClickAsync(desk, desk.Locator("#accept-ticked"));
        await Assertions.Expect(desk.Locator(".notice")).ToContainTextAsync($"已指派并排班 {ticked} 单");
        var row01 = desk.Locator($"#tech-row-{tech01}");
        await Assertions.Expect(row01.Locator(".block")).ToHaveCountAsync(ticked);
        await Assertions.Expect(desk.Locator("#unplanned-title")).ToContainTextAsync($"({DemoDispatch.Jobs.Length - ticked})");
        await BrowserFixture.ScreenshotAsync(desk, "dispatch-accepted-part-fj-manager");

        // Drag 张伟's first job onto 吴磊's row: the conflicts come before anything is saved.
        var first = row01.Locator(".block").First;
        var number = (await first.GetAttributeAsync("title"))!.Split(' ')[0];
        await DragAsync(desk, first, desk.Locator($"#tech-row-{tech04} .dispatch-track"));
        var dialog = desk.Locator("#dispatch-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("li[data-kind=Skill]")).ToContainTextAsync("吴磊 不具备技能：卫浴");
        await Assertions.Expect(dialog).ToContainTextAsync("专属技术员是 张伟");
        await BrowserFixture.ScreenshotAsync(desk, "dispatch-conflict-warning-fj-manager");
        // Cancel leaves the plan alone …
        await desk.Locator("#dispatch-cancel").ClickAsync();
        await Assertions.Expect(row01.Locator(".block")).ToHaveCountAsync(ticked);
        // … save anyway moves it.
        await DragAsync(desk, first, desk.Locator($"#tech-row-{tech04} .dispatch-track"));
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await desk.Locator("#dispatch-save").ClickAsync();
        await Assertions.Expect(desk.Locator($"#tech-row-{tech04} .dispatch-stops")).ToContainTextAsync(number);
        await Assertions.Expect(row01.Locator(".block")).ToHaveCountAsync(ticked - 1);
        await BrowserFixture.ScreenshotAsync(desk, "dispatch-after-move-fj-manager");

        // 张伟's phone: his remaining jobs in the planned order, with the planned start.
        var phone = await fixture.NewPageAsync(Phone390);
        await BrowserFixture.LogInAsync(phone, "tech01");
        await phone.GotoAsync($"/Visits?date={date}");
        var jobs = phone.Locator("ol.job-list > li");
        await Assertions.Expect(jobs).ToHaveCountAsync(ticked - 1);
        await Assertions.Expect(jobs.First).ToContainTextAsync("第 1 单 · 计划");
        Assert.DoesNotContain(number, await phone.Locator("main").InnerTextAsync());
        var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone390.Width, $"{phone.Url} is {width}px wide");
        await BrowserFixture.ScreenshotAsync(phone, "dispatch-new-order-tech01-phone");

        // The board on a phone stays usable: the fallback form instead of drag and drop.
        var small = await fixture.NewPageAsync(Phone390);
        await BrowserFixture.LogInAsync(small, "fj.manager");
        await small.GotoAsync($"/Dispatch?region=FJ&day={date}");
        await BrowserFixture.ScreenshotAsync(small, "dispatch-board-fj-manager-phone");
    }

    private async Task<(DateOnly Day, int Tech01, int Tech04)> SeedAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // A working day clear of the demo's days off, trips and training (the next two weeks have some), since a
        // browser test cannot move the app's clock.
        var day = DemoDispatch.NextWorkingDay(scope.ServiceProvider.GetRequiredService<LocalTime>().Today.AddDays(13));
        await ActivatorUtilities.CreateInstance<DemoDispatch>(scope.ServiceProvider).SeedAsync(day);
        var ids = await db.Users.Where(u => u.UserName == "tech01" || u.UserName == "tech04").ToDictionaryAsync(u => u.UserName!, u => u.StaffId);
        return (day, ids["tech01"], ids["tech04"]);
    }

    /// <summary>
    /// HTML5 drag and drop as the browser fires it (dragstart, dragover, drop with one DataTransfer): headless Chromium
    /// does not start a native drag from Playwright's mouse here, so the events are dispatched to the same handlers.
    /// </summary>
    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        var transfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await source.DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await target.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
        await target.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
    }

    private static async Task ClickAsync(IPage page, ILocator target)
    {
        await page.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await target.ClickAsync();
        await page.WaitForFunctionAsync("() => document.body && !document.body.dataset.stale");
    }
}
