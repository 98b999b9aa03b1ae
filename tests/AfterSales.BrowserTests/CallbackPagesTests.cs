using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>RPT-4 on a phone: a supervisor calls a customer back and records what they said.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CallbackPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_manager_calls_a_customer_back_on_a_phone_and_the_answers_show_on_the_job()
    {
        var job = await CompletedJobAsync();
        var phone = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(phone, "fj.manager");
        var queued = await phone.Context.APIRequest.PostAsync("/api/callbacks", new() { DataObject = new { workOrderId = job } });
        Assert.Equal(201, queued.Status);
        // The job may also have been drawn for a sample callback: this test takes the one it queued by hand.
        var callback = (await queued.JsonAsync())!.Value.GetProperty("id").GetInt32();

        await phone.GotoAsync("/Callbacks");
        await phone.Locator($"a.button[href='/Callbacks/Call/{callback}']").ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync($"WO{job:000000}");
        await Assertions.Expect(phone.Locator("a[href^='tel:']")).ToBeVisibleAsync();
        await phone.GetByLabel("通话结果").SelectOptionAsync("Reached");
        await phone.Locator("fieldset", new() { HasText = "工作是否按记录完成" }).GetByLabel("是").CheckAsync();
        await phone.GetByLabel("4 满意").CheckAsync();
        await phone.Locator("fieldset", new() { HasText = "上报内容是否属实" }).GetByLabel("是").CheckAsync();
        await phone.GetByLabel("备注").FillAsync("客户对安装满意");
        await BrowserFixture.ScreenshotAsync(phone, "callback-fj.manager-phone");
        await phone.EvaluateAsync("() => document.body.dataset.stale = '1'");
        await phone.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await phone.WaitForFunctionAsync("() => !document.body.dataset.stale");
        var scrollWidth = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= BrowserFixture.Phone.Width, $"page is {scrollWidth}px wide");

        await phone.GotoAsync($"/WorkOrders/Details/{job}");
        await Assertions.Expect(phone.Locator("section", new() { HasText = "客户回访" })).ToContainTextAsync("态度 4/5");
        await phone.Context.CloseAsync();
    }

    /// <summary>tech01's installation, done through the API as the phone pages would do it.</summary>
    private async Task<int> CompletedJobAsync()
    {
        var store = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(store, "fj.store");
        var created = await store.Context.APIRequest.PostAsync("/api/work-orders", new()
        {
            DataObject = new { kind = "Installation", customerId = 1, siteId = 1, description = "安装花洒", items = new[] { new { productId = 1, quantity = 1 } } },
        });
        var id = (await created.JsonAsync())!.Value.GetProperty("workOrder").GetProperty("id").GetInt32();
        await store.Context.CloseAsync();

        var tech = await fixture.NewPageAsync(BrowserFixture.Desktop);
        await BrowserFixture.LogInAsync(tech, "tech01");
        var api = tech.Context.APIRequest;
        var start = DateTimeOffset.UtcNow.AddMinutes(30);
        var contacted = await (await api.PostAsync($"/api/work-orders/{id}/contacts",
            new() { DataObject = new { outcome = "Reached", agreedStart = start, agreedEnd = start.AddHours(2), required = "Owner" } })).JsonAsync();
        await api.PostAsync($"/api/work-orders/{id}/day-before-confirmation",
            new() { DataObject = new { confirmedBy = "业主", answer = "", version = contacted!.Value.GetProperty("workOrder").GetProperty("version").GetInt32() } });
        async Task TickAsync(string phase)
        {
            var job = (await (await api.GetAsync($"/api/work-orders/{id}")).JsonAsync())!.Value;
            foreach (var line in job.GetProperty("checklist").EnumerateArray().Where(l => l.GetProperty("phase").GetString() == phase))
                Assert.Equal(200, (await api.PutAsync($"/api/work-orders/{id}/checklist/{line.GetProperty("id").GetInt32()}", new() { DataObject = new { done = true } })).Status);
        }
        await TickAsync("PreDeparture");
        await api.PostAsync($"/api/work-orders/{id}/call-ahead", new() { DataObject = new { outcome = "Reached" } });
        await api.PostAsync($"/api/work-orders/{id}/depart", new() { DataObject = new { } });
        var arrived = (await (await api.PostAsync($"/api/work-orders/{id}/check-in", new() { DataObject = new { } })).JsonAsync())!.Value;
        var itemId = arrived.GetProperty("items")[0].GetProperty("id").GetInt32();
        await api.PostAsync($"/api/work-orders/{id}/commissioning-tests", new() { DataObject = new { itemId, leakTestPassed = true, connectionTestPassed = true } });
        await TickAsync("Completion");
        Assert.Equal(200, (await api.PostAsync($"/api/work-orders/{id}/complete", new() { DataObject = new { } })).Status);
        await tech.Context.CloseAsync();
        return id;
    }
}
