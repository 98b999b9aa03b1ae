using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// Issue 6 as people use it: a technician's phone sends positions; the manager sees them on today's map, which must
/// make sense with no internet (no map tiles: labelled markers on a plain background, the table beside it).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AttendancePagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ATT1_the_manager_sees_the_technicians_latest_positions_on_a_map_without_tiles()
    {
        var phone = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(phone, "tech01");
        var now = DateTimeOffset.UtcNow;
        var posted = await phone.Context.APIRequest.PostAsync("/api/positions", new()
        {
            DataObject = new
            {
                positions = new[]
                {
                    new { at = now.AddMinutes(-10), lat = 24.47, lng = 118.08, accuracy = 40.0 },
                    new { at = now.AddMinutes(-1), lat = 24.4798, lng = 118.0894, accuracy = 15.0 },
                },
            },
        });
        Assert.Equal(200, posted.Status);
        await phone.Context.CloseAsync();

        foreach (var viewport in new[] { BrowserFixture.Desktop, BrowserFixture.Phone })
        {
            var manager = await fixture.NewPageAsync(viewport);
            var outside = new List<string>();
            manager.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                    outside.Add(request.Url);
            };
            await BrowserFixture.LogInAsync(manager, "fj.manager");
            if (viewport == BrowserFixture.Phone) await manager.GotoAsync("/Attendance/Today"); // the menu is folded on a phone
            else await manager.GetByRole(AriaRole.Link, new() { Name = "考勤定位" }).First.ClickAsync();
            await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("今日定位");
            await Assertions.Expect(manager.Locator("#attendance-map")).ToBeVisibleAsync();
            // One marker per technician with a position, labelled with the name; the latest position is the one shown.
            await Assertions.Expect(manager.Locator(".leaflet-tooltip")).ToHaveCountAsync(1);
            await Assertions.Expect(manager.Locator(".leaflet-tooltip")).ToContainTextAsync("张伟");
            await Assertions.Expect(manager.Locator("table.list").First).ToContainTextAsync("24.47980, 118.08940");
            Assert.Equal(0, await manager.Locator(".leaflet-tile").CountAsync());
            var size = viewport == BrowserFixture.Phone ? "phone" : "desktop";
            await BrowserFixture.ScreenshotAsync(manager, $"attendance-today-fj.manager-{size}");
            await AccessibilityTests.AssertNoSeriousViolationsAsync(manager, $"attendance-today-fj.manager-{size}");
            Assert.Empty(outside);

            await manager.GetByRole(AriaRole.Link, new() { Name = "手机事件" }).ClickAsync();
            await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("手机事件");
            await AccessibilityTests.AssertNoSeriousViolationsAsync(manager, $"attendance-phone-fj.manager-{size}");
            await manager.Context.CloseAsync();
        }

        // A technician does not see the page (nor the menu entry).
        var technician = await fixture.NewPageAsync(BrowserFixture.Phone);
        await BrowserFixture.LogInAsync(technician, "tech02");
        Assert.Equal(0, await technician.GetByRole(AriaRole.Link, new() { Name = "考勤定位" }).CountAsync());
        await technician.Context.CloseAsync();
    }
}
