using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Data;
using AfterSales.Features.Equipment;
using AfterSales.Infrastructure;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Installed equipment: who sees which unit (SEC-2), warranty, editing, and the company's equipment nearby (WO-10).</summary>
public sealed class EquipmentTests
{
    [Theory, BothDatabases]
    public async Task A_technician_sees_only_the_equipment_at_their_own_customers_sites_SEC2(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var techId = await app.StaffIdAsync("tech06");
        var own = await app.DbAsync(d => EquipmentOf(d, c => c.TechnicianId == techId).OrderBy(s => s).ToListAsync());
        Assert.NotEmpty(own);

        var tech = await app.LogInAsync("tech06");
        Assert.Equal(own, (await ListAsync(tech, "")).Select(e => e.GetProperty("serialNumber").GetString()!).Order().ToList());

        var page = await tech.GetStringAsync("/Equipment");
        foreach (var serial in own) Assert.Contains(serial, page);
        var other = await app.DbAsync(d => EquipmentOf(d, c => c.TechnicianId != techId).ToListAsync());
        foreach (var serial in other) Assert.DoesNotContain($">{serial}<", page);
    }

    [Theory, BothDatabases]
    public async Task Equipment_outside_the_scope_does_not_exist_for_the_user_SEC2(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var fjUnit = await app.DbAsync(d => UnitIdAsync(d, c => c.RegionId == d.Regions.Single(r => r.Code == "FJ").Id));

        var tech = await app.LogInAsync("tech06");
        var api = await tech.GetAsync($"/api/equipment/{fjUnit}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("SN", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/Equipment/Details/{fjUnit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/Equipment/Edit/{fjUnit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tech.PutAsJsonAsync($"/api/equipment/{fjUnit}", new { productId = 1, siteId = 1, version = 0 })).StatusCode);

        var manager = await app.LogInAsync("gd.manager");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/equipment/{fjUnit}")).StatusCode);
        var fjManager = await app.LogInAsync("fj.manager");
        Assert.Equal(HttpStatusCode.OK, (await fjManager.GetAsync($"/api/equipment/{fjUnit}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fjManager.GetAsync($"/Equipment/Details/{fjUnit}")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_manager_sees_their_region_and_the_GM_sees_everything_SEC2(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var fj = await app.DbAsync(d => d.Regions.Where(r => r.Code == "FJ").Select(r => r.Id).SingleAsync());
        var fjSerials = await app.DbAsync(d => EquipmentOf(d, c => c.RegionId == fj).OrderBy(s => s).ToListAsync());
        var total = await app.DbAsync(d => d.Equipment.CountAsync());
        Assert.True(fjSerials.Count > 0 && fjSerials.Count < total);

        var manager = await app.LogInAsync("fj.manager");
        Assert.Equal(fjSerials, (await ListAsync(manager, "")).Select(e => e.GetProperty("serialNumber").GetString()!).Order().ToList());
        Assert.Empty(await ListAsync(manager, "q=广州"));

        var gm = await app.LogInAsync("gm");
        Assert.Equal(total, (await ListAsync(gm, "")).Count);
        Assert.NotEmpty(await ListAsync(gm, "q=广州"));
    }

    [Theory, BothDatabases]
    public async Task The_warranty_filter_judges_by_the_local_date(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var today = app.Factory.Services.GetRequiredService<LocalTime>().Today;
        // Put every unit either in warranty (ending today, the last covered day) or expired (ended yesterday).
        await app.DbAsync(async d =>
        {
            var all = await d.Equipment.OrderBy(e => e.Id).ToListAsync();
            foreach (var (unit, i) in all.Select((u, i) => (u, i)))
                unit.Update(unit.ProductId, unit.SiteId, unit.Kind, unit.Model, today.AddYears(-2), i % 3 == 0 ? today : today.AddDays(-1));
            await d.SaveChangesAsync();
        });
        var expected = await app.DbAsync(d => d.Equipment.Where(e => e.WarrantyEnd == today).Select(e => e.SerialNumber).OrderBy(s => s).ToListAsync());

        var gm = await app.LogInAsync("gm");
        var active = await ListAsync(gm, "warranty=active");
        Assert.Equal(expected, active.Select(e => e.GetProperty("serialNumber").GetString()!).Order().ToList());
        Assert.All(active, e => Assert.True(e.GetProperty("underWarranty").GetBoolean()));
        var expired = await ListAsync(gm, "warranty=expired");
        Assert.Equal(await app.DbAsync(d => d.Equipment.CountAsync()) - expected.Count, expired.Count);
        Assert.All(expired, e => Assert.False(e.GetProperty("underWarranty").GetBoolean()));

        // Tomorrow (in Shanghai) the units that ended today are out of warranty too.
        app.Factory.Clock.Advance(TimeSpan.FromDays(1));
        gm = await app.LogInAsync("gm");
        Assert.Empty(await ListAsync(gm, "warranty=active"));

        var bad = await gm.GetAsync("/api/equipment?warranty=soon");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_technician_registers_equipment_at_their_customers_site_with_the_products_kind(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var techId = await app.StaffIdAsync("tech01");
        var ownSite = await app.DbAsync(d => d.Sites.Where(s => d.Customers.Any(c => c.Id == s.CustomerId && c.TechnicianId == techId)).Select(s => s.Id).FirstAsync());
        var otherSite = await app.DbAsync(d => d.Sites.Where(s => d.Customers.Any(c => c.Id == s.CustomerId && c.TechnicianId != techId)).Select(s => s.Id).FirstAsync());
        var product = await app.DbAsync(d => d.Products.SingleAsync(p => p.Code == "CZ-300"));
        var tech = await app.LogInAsync("tech01");

        var created = await tech.PostAsJsonAsync("/api/equipment", new { serialNumber = "new-001", productId = product.Id, siteId = ownSite, installedOn = "2026-01-05", warrantyEnd = "2028-01-05" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var unit = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("NEW-001", unit.GetProperty("serialNumber").GetString());
        Assert.Equal("垂直设备", unit.GetProperty("kind").GetString());
        Assert.Equal("CZ-300", unit.GetProperty("model").GetString());

        // The serial number is unique across the company.
        var again = await tech.PostAsJsonAsync("/api/equipment", new { serialNumber = "NEW-001", productId = product.Id, siteId = ownSite });
        await AssertFieldErrorAsync(again, "SerialNumber", "SerialTaken");
        // Another technician's customer's site is not there for this technician.
        await AssertFieldErrorAsync(await tech.PostAsJsonAsync("/api/equipment", new { serialNumber = "NEW-002", productId = product.Id, siteId = otherSite }), "SiteId", "SiteNotFound");
        await AssertFieldErrorAsync(await tech.PostAsJsonAsync("/api/equipment",
            new { serialNumber = "NEW-003", productId = product.Id, siteId = ownSite, installedOn = "2026-01-05", warrantyEnd = "2025-01-05" }), "WarrantyEnd", "WarrantyEndsBeforeInstallation");
        await AssertFieldErrorAsync(await tech.PostAsJsonAsync("/api/equipment", new { serialNumber = "NEW-004", productId = 0, siteId = ownSite }), "ProductId", "Required");

        // The page form: the site comes fixed from ?siteId=, the kind defaults from the product.
        var form = await TestApp.PostFormAsync(tech, $"/Equipment/Edit?siteId={ownSite}", new Dictionary<string, string>
        {
            ["Input.SerialNumber"] = "page-001", ["Input.ProductId"] = product.Id.ToString(), ["Input.InstalledOn"] = "2026-02-01",
            ["Input.WarrantyEnd"] = "2028-02-01", ["Input.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        var stored = await app.DbAsync(d => d.Equipment.AsNoTracking().SingleAsync(e => e.SerialNumber == "PAGE-001"));
        Assert.Equal(ownSite, stored.SiteId);
        Assert.Equal("垂直设备", stored.Kind);
        Assert.Equal(new DateOnly(2028, 2, 1), stored.WarrantyEnd);

        var taken = await TestApp.PostFormAsync(tech, $"/Equipment/Edit?siteId={ownSite}", new Dictionary<string, string>
        {
            ["Input.SerialNumber"] = "PAGE-001", ["Input.ProductId"] = product.Id.ToString(), ["Input.Version"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("序列号 PAGE-001 已被登记", WebUtility.HtmlDecode(await taken.Content.ReadAsStringAsync()));

        // A site the technician may not see is a 404 on the page as well.
        Assert.Equal(HttpStatusCode.NotFound, (await tech.GetAsync($"/Equipment/Edit?siteId={otherSite}")).StatusCode);
        var posted = await TestApp.PostFormAsync(tech, $"/Equipment/Edit?siteId={ownSite}", new Dictionary<string, string>
        {
            ["Input.SerialNumber"] = "PAGE-002", ["Input.ProductId"] = product.Id.ToString(), ["Input.Version"] = "0",
        }, $"/Equipment/Edit?siteId={otherSite}");
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.False(await app.DbAsync(d => d.Equipment.AnyAsync(e => e.SerialNumber == "PAGE-002")));
    }

    [Theory, BothDatabases]
    public async Task Readable_but_not_editable_equipment_answers_403(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var unit = await app.DbAsync(d => d.Equipment.AsNoTracking().OrderBy(e => e.Id).FirstAsync());
        var body = new { productId = unit.ProductId, siteId = unit.SiteId, kind = "改过", version = unit.Version };

        // Finance sees every region but changes no master data.
        var finance = await app.LogInAsync("finance");
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync($"/api/equipment/{unit.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PutAsJsonAsync($"/api/equipment/{unit.Id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await finance.PostAsJsonAsync("/api/equipment", new { serialNumber = "F-1", productId = unit.ProductId, siteId = unit.SiteId })).StatusCode);
        var page = await finance.GetAsync($"/Equipment/Edit/{unit.Id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Identity/Denied", page.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain($"/Equipment/Edit/{unit.Id}", await finance.GetStringAsync($"/Equipment/Details/{unit.Id}"));

        Assert.Equal(unit.Kind, await app.DbAsync(d => d.Equipment.Where(e => e.Id == unit.Id).Select(e => e.Kind).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task A_stale_version_is_refused_with_409(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var unit = await app.DbAsync(d => d.Equipment.AsNoTracking().OrderBy(e => e.Id).FirstAsync());
        var manager = await app.LogInAsync("fj.manager");
        var body = new { productId = unit.ProductId, siteId = unit.SiteId, kind = "第一次", model = "M1", version = unit.Version };

        var first = await manager.PutAsJsonAsync($"/api/equipment/{unit.Id}", body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(unit.Version + 1, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var stale = await manager.PutAsJsonAsync($"/api/equipment/{unit.Id}", body with { kind = "第二次" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("第一次", await app.DbAsync(d => d.Equipment.Where(e => e.Id == unit.Id).Select(e => e.Kind).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task Near_search_lists_the_equipment_in_scope_nearest_first_WO10(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        // Xiamen's centre (FJ); Guangzhou (GD) is about 500 km away.
        const double lat = 24.4798, lng = 118.0894, radius = 15;
        var sites = await app.DbAsync(d => d.Sites.AsNoTracking().Where(s => s.Latitude != null)
            .Select(s => new { s.Id, s.Latitude, s.Longitude, Region = d.Regions.Where(r => r.Id == s.Customer.RegionId).Select(r => r.Code).Single() }).ToListAsync());
        var expectedSites = sites.Where(s => EquipmentService.DistanceKm(lat, lng, (double)s.Latitude!, (double)s.Longitude!) <= radius).Select(s => s.Id).ToHashSet();
        var expected = await app.DbAsync(d => d.Equipment.CountAsync(e => expectedSites.Contains(e.SiteId)));
        Assert.True(expected > 1);

        var manager = await app.LogInAsync("fj.manager");
        var near = await manager.GetFromJsonAsync<JsonElement[]>($"/api/equipment/near?lat={lat}&lng={lng}&radiusKm={radius}&limit=200");
        Assert.Equal(expected, near!.Length);
        var distances = near.Select(n => n.GetProperty("distanceKm").GetDouble()).ToList();
        Assert.Equal(distances.Order().ToList(), distances);
        Assert.All(distances, d => Assert.InRange(d, 0, radius));
        Assert.All(near, n => Assert.Equal("厦门", n.GetProperty("equipment").GetProperty("city").GetString()));

        // Around Guangzhou the FJ manager finds nothing; the GD manager and the GM do.
        var guangzhou = "/api/equipment/near?lat=23.1291&lng=113.2644&radiusKm=30";
        Assert.Empty((await manager.GetFromJsonAsync<JsonElement[]>(guangzhou))!);
        var gdManager = await app.LogInAsync("gd.manager");
        var gd = (await gdManager.GetFromJsonAsync<JsonElement[]>(guangzhou))!;
        Assert.NotEmpty(gd);
        var gm = await app.LogInAsync("gm");
        Assert.Equal(gd.Length, (await gm.GetFromJsonAsync<JsonElement[]>(guangzhou))!.Length);

        // A technician: only their own customers' units, even at the same place.
        var tech = await app.LogInAsync("tech01");
        var techId = await app.StaffIdAsync("tech01");
        var own = await app.DbAsync(d => EquipmentOf(d, c => c.TechnicianId == techId).ToListAsync());
        var techNear = (await tech.GetFromJsonAsync<JsonElement[]>($"/api/equipment/near?lat={lat}&lng={lng}&radiusKm={radius}"))!;
        Assert.All(techNear, n => Assert.Contains(n.GetProperty("equipment").GetProperty("serialNumber").GetString(), own));

        var badRadius = await manager.GetAsync($"/api/equipment/near?lat={lat}&lng={lng}&radiusKm=0");
        Assert.Equal(HttpStatusCode.BadRequest, badRadius.StatusCode);
        var noPoint = await manager.GetAsync("/api/equipment/near?radiusKm=5");
        Assert.Equal(HttpStatusCode.BadRequest, noPoint.StatusCode);
    }

    [Fact]
    public void Haversine_distance_matches_known_values()
    {
        // One degree of latitude on a sphere of radius 6371.0088 km.
        Assert.Equal(111.195, EquipmentService.DistanceKm(0, 0, 1, 0), 3);
        // One degree of longitude at 60° is half a degree at the equator (almost: great circle, not parallel).
        Assert.Equal(55.597, EquipmentService.DistanceKm(60, 0, 60, 1), 1);
        Assert.Equal(0, EquipmentService.DistanceKm(24.4798, 118.0894, 24.4798, 118.0894));
        // Xiamen – Guangzhou, about 513 km.
        Assert.InRange(EquipmentService.DistanceKm(24.4798, 118.0894, 23.1291, 113.2644), 505, 520);
    }

    private static IQueryable<string> EquipmentOf(AppDbContext d, System.Linq.Expressions.Expression<Func<AfterSales.Domain.Customers.Customer, bool>> customer)
    {
        var customers = d.Customers.Where(customer);
        return d.Equipment.Where(e => d.Sites.Any(s => s.Id == e.SiteId && customers.Any(c => c.Id == s.CustomerId))).Select(e => e.SerialNumber);
    }

    private static Task<int> UnitIdAsync(AppDbContext d, System.Linq.Expressions.Expression<Func<AfterSales.Domain.Customers.Customer, bool>> customer)
    {
        var customers = d.Customers.Where(customer);
        return d.Equipment.Where(e => d.Sites.Any(s => s.Id == e.SiteId && customers.Any(c => c.Id == s.CustomerId))).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/equipment?pageSize=200&{query}");
        Assert.True(page.GetProperty("total").GetInt32() <= 200);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
    }
}
