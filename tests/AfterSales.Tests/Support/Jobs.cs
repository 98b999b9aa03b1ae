using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AfterSales.Tests.Support;

/// <summary>Jobs brought to a given point through the API, as the people of the demo company would.</summary>
public static class Jobs
{
    /// <summary>An installation for tech01's customer C0001, agreed for a few hours from now and confirmed the day before.</summary>
    public static async Task<int> InstallationAsync(TestApp app, int startInHours = 2)
    {
        var store = await app.LogInAsync("fj.store");
        var created = await store.PostAsJsonAsync("/api/work-orders",
            new { kind = "Installation", customerId = 1, siteId = 1, description = "安装智能马桶", items = new[] { new { productId = 1, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("id").GetInt32();
        var tech = await app.LogInAsync("tech01");
        var start = app.Factory.Clock.GetUtcNow().AddHours(startInHours);
        var contacted = await tech.PostAsJsonAsync($"/api/work-orders/{id}/contacts",
            new { outcome = "Reached", agreedStart = start, agreedEnd = start.AddHours(2), required = "Owner" });
        Assert.Equal(HttpStatusCode.OK, contacted.StatusCode);
        var version = (await contacted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/day-before-confirmation",
            new { confirmedBy = "业主", answer = "", version })).StatusCode);
        return id;
    }

    /// <summary>The technician has left after calling ahead and checked in on site.</summary>
    public static async Task OnSiteAsync(TestApp app, int id)
    {
        var tech = await app.LogInAsync("tech01");
        await TickAsync(tech, id, "PreDeparture");
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/call-ahead", new { outcome = "Reached" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/depart", new { })).StatusCode);
        var arrived = await tech.PostAsJsonAsync($"/api/work-orders/{id}/check-in", new { latitude = 24.48, longitude = 118.09, accuracy = 10 });
        Assert.Equal("OnSite", (await arrived.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder").GetProperty("state").GetString());
    }

    /// <summary>The installed product passed commissioning, the site is tidy and the job is completed.</summary>
    public static async Task CompletedAsync(TestApp app, int id)
    {
        await OnSiteAsync(app, id);
        var tech = await app.LogInAsync("tech01");
        var job = await tech.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}");
        foreach (var item in job.GetProperty("items").EnumerateArray())
            Assert.Equal(HttpStatusCode.OK, (await tech.PostAsJsonAsync($"/api/work-orders/{id}/commissioning-tests",
                new { itemId = item.GetProperty("id").GetInt32(), leakTestPassed = true, connectionTestPassed = true })).StatusCode);
        await TickAsync(tech, id, "Completion");
        var completed = await tech.PostAsJsonAsync($"/api/work-orders/{id}/complete", new { });
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
    }

    public static async Task TickAsync(HttpClient tech, int id, string phase)
    {
        var job = await tech.GetFromJsonAsync<JsonElement>($"/api/work-orders/{id}");
        foreach (var line in job.GetProperty("checklist").EnumerateArray().Where(l => l.GetProperty("phase").GetString() == phase))
            Assert.Equal(HttpStatusCode.OK,
                (await tech.PutAsJsonAsync($"/api/work-orders/{id}/checklist/{line.GetProperty("id").GetInt32()}", new { done = true })).StatusCode);
    }
}
