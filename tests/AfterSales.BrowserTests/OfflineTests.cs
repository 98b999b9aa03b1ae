using System.Text.Json;
using AfterSales.Features.Demo;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// Weak networks (issue 3) on a technician's phone: a submit that does not get through is kept on the device and
/// sent again when the connection returns, and a retried submit after a dropped connection creates nothing twice.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_call_recorded_without_network_is_kept_on_the_phone_and_sent_once_when_the_connection_returns()
    {
        var id = await NewJobForTech01Async();
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(page, "tech01");
        await page.GotoAsync($"/WorkOrders/Details/{id}");

        await page.Context.SetOfflineAsync(true);
        await page.GetByLabel("结果").SelectOptionAsync("Reached");
        await page.GetByLabel("施工进度").FillAsync("地下室没有信号时登记");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存通话记录" }).ClickAsync();

        var banner = page.Locator("#offline-banner");
        await Assertions.Expect(banner).ToContainTextAsync("1 项未提交，联网后自动重试");
        await Assertions.Expect(banner).ToContainTextAsync("保存通话记录");
        Assert.Equal(0, await ContactCountAsync(page, id));
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserFixture.Phone.Width, $"page is {scrollWidth}px wide");
        await BrowserFixture.ScreenshotAsync(page, "offline-pending-tech01-phone");

        await page.Context.SetOfflineAsync(false);

        await Assertions.Expect(banner).ToContainTextAsync("已提交 1 项");
        await Assertions.Expect(banner).Not.ToContainTextAsync("未提交");
        Assert.Equal(1, await ContactCountAsync(page, id));
        await banner.GetByRole(AriaRole.Link, new() { Name = "刷新查看" }).ClickAsync();
        await Assertions.Expect(page.Locator("ul.contacts")).ToContainTextAsync("地下室没有信号时登记");
        await Assertions.Expect(page.Locator("#offline-banner")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_retried_submit_after_a_dropped_connection_creates_nothing_twice()
    {
        var id = await NewJobForTech01Async();
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(page, "tech01");
        await page.GotoAsync($"/WorkOrders/Details/{id}");
        // The request reaches the server, which records the call; the answer is lost on the way back.
        await page.RouteAsync(url => url.Contains("handler=Contact", StringComparison.Ordinal), async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync();
        });

        await page.GetByLabel("结果").SelectOptionAsync("NoAnswer");
        await page.GetByLabel("备注").FillAsync("电梯里断线");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存通话记录" }).ClickAsync();

        var banner = page.Locator("#offline-banner");
        await Assertions.Expect(banner).ToContainTextAsync("1 项未提交，联网后自动重试");
        Assert.Equal(1, await ContactCountAsync(page, id)); // the server did it; the phone does not know
        await BrowserFixture.ScreenshotAsync(page, "offline-answer-lost-tech01-phone");

        await page.UnrouteAllAsync();
        var retry = await page.RunAndWaitForResponseAsync(
            () => banner.GetByRole(AriaRole.Button, new() { Name = "立即重试" }).ClickAsync(),
            r => r.Url.Contains("handler=Contact", StringComparison.Ordinal));

        Assert.Equal("true", await retry.HeaderValueAsync("idempotent-replay"));
        await Assertions.Expect(banner).ToContainTextAsync("已提交 1 项");
        Assert.Equal(1, await ContactCountAsync(page, id));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("ul.contacts li")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_submit_refused_by_the_server_after_a_retry_is_shown_until_the_technician_dismisses_it()
    {
        var id = await NewJobForTech01Async();
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(page, "tech01");
        await page.GotoAsync($"/WorkOrders/Details/{id}");

        await page.Context.SetOfflineAsync(true);
        await page.GetByLabel("结果").SelectOptionAsync("NoAnswer");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存通话记录" }).ClickAsync();
        var banner = page.Locator("#offline-banner");
        await Assertions.Expect(banner).ToContainTextAsync("1 项未提交");
        // Meanwhile the office changes the job, so the phone's copy is out of date.
        await RecordCallAsManagerAsync(id);

        await page.Context.SetOfflineAsync(false);

        await Assertions.Expect(banner).ToContainTextAsync("未被接受");
        await Assertions.Expect(banner).ToContainTextAsync("其他人已修改了此记录");
        await BrowserFixture.ScreenshotAsync(page, "offline-refused-tech01-phone");
        Assert.Equal(1, await ContactCountAsync(page, id));
        await banner.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offline-banner")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stale_form_token_is_renewed_and_a_page_refusal_is_shown_as_the_page_with_nothing_left_queued()
    {
        var id = await NewJobForTech01Async();
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(page, "tech01");
        await page.GotoAsync($"/WorkOrders/Details/{id}");

        // A form kept from before a new log-in carries a token the server no longer accepts.
        await page.EvalOnSelectorAsync("form[action*='handler=Contact'] input[name=__RequestVerificationToken]", "e => e.value = 'stale'");
        await page.GetByLabel("结果").SelectOptionAsync("NoAnswer");
        await page.GetByLabel("备注").FillAsync("换了令牌也要送到");
        var renewed = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "保存通话记录" }).ClickAsync(),
            r => r.Url.EndsWith("/api/auth/antiforgery", StringComparison.Ordinal));
        Assert.True(renewed.Ok);
        await Assertions.Expect(page.Locator("ul.contacts")).ToContainTextAsync("换了令牌也要送到");
        Assert.Equal(1, await ContactCountAsync(page, id));

        // The server refuses (the window has a start but no end): the page comes back with the reason, nothing is queued.
        await page.GetByLabel("结果").SelectOptionAsync("Reached");
        await page.GetByLabel("约定开始时间").FillAsync("2030-01-02T09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存通话记录" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .alert[role=alert]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#offline-banner")).ToHaveCountAsync(0);
        Assert.Equal("[]", await page.EvaluateAsync<string>("localStorage.getItem('aftersales.outbox.v1')"));
        Assert.Equal(1, await ContactCountAsync(page, id));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_api_call_made_offline_with_AfterSales_send_is_queued_and_sent_once_later()
    {
        var id = await NewJobForTech01Async();
        var page = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(page, "tech01");
        await page.GotoAsync($"/WorkOrders/Details/{id}");
        var version = await page.Locator("form[action*='handler=Contact'] input[name=version]").InputValueAsync();

        await page.Context.SetOfflineAsync(true);
        var queued = await page.EvaluateAsync<JsonElement>(
            $"AfterSales.send('/api/work-orders/{id}/contacts', {{ outcome: 'NoAnswer', notes: '接口离线', version: {version} }})");

        Assert.True(queued.GetProperty("queued").GetBoolean());
        await Assertions.Expect(page.Locator("#offline-banner")).ToContainTextAsync("1 项未提交");
        Assert.Equal(0, await ContactCountAsync(page, id));

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#offline-banner")).ToContainTextAsync("已提交 1 项");
        Assert.Equal(1, await ContactCountAsync(page, id));
        await page.Context.CloseAsync();
    }

    /// <summary>The FJ store takes an installation for C0001, whose technician is tech01.</summary>
    private async Task<int> NewJobForTech01Async()
    {
        await using var store = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var login = await store.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { login = "fj.store", password = DemoCompany.Password } });
        Assert.True(login.Ok, $"log-in: {login.Status}");
        var created = await store.APIRequest.PostAsync("/api/work-orders", new()
        {
            DataObject = new { kind = "Installation", customerId = 1, siteId = 1, description = "弱网测试：安装淋浴房", items = new[] { new { productId = 1, quantity = 1 } } },
        });
        Assert.True(created.Ok, await created.TextAsync());
        return (await created.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("id").GetInt32();
    }

    private async Task RecordCallAsManagerAsync(int id)
    {
        await using var office = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var login = await office.APIRequest.PostAsync("/api/auth/login", new() { DataObject = new { login = "fj.manager", password = DemoCompany.Password } });
        Assert.True(login.Ok, $"log-in: {login.Status}");
        var job = await (await office.APIRequest.GetAsync($"/api/work-orders/{id}")).JsonAsync();
        var version = job!.Value.GetProperty("workOrder").GetProperty("version").GetInt32();
        var called = await office.APIRequest.PostAsync($"/api/work-orders/{id}/contacts", new() { DataObject = new { outcome = "NoAnswer", version } });
        Assert.True(called.Ok, await called.TextAsync());
    }

    /// <summary>What the server holds, asked outside the page (so not subject to the page's network).</summary>
    private static async Task<int> ContactCountAsync(IPage page, int id)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/work-orders/{id}");
        Assert.True(response.Ok, $"GET job: {response.Status}");
        JsonElement job = (await response.JsonAsync())!.Value;
        return job.GetProperty("contacts").GetArrayLength();
    }
}
