using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Features.Demo;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>
/// SEC-2 for every demo log-in: a technician reaches only their own customers, a regional role only its region,
/// head office everything — in lists, in the API and on pages; a denied record is a 404, never its data.
/// </summary>
public sealed class RegionIsolationTests
{
    public static TheoryData<Db, string> EveryLogIn()
    {
        var data = new TheoryData<Db, string>();
        foreach (var db in new[] { Db.Sqlite, Db.Postgres })
            foreach (var account in DemoCompany.Accounts)
                data.Add(db, account.UserName);
        return data;
    }

    [Theory, MemberData(nameof(EveryLogIn))]
    public async Task A_log_in_reaches_exactly_the_customers_and_equipment_of_its_scope(Db db, string userName)
    {
        await using var app = await TestApp.StartAsync(db);
        var account = DemoCompany.Accounts.Single(a => a.UserName == userName);
        var staffId = await app.StaffIdAsync(userName);
        var customers = await app.DbAsync(d => d.Customers.AsNoTracking()
            .Select(c => new { c.Id, c.RegionId, c.TechnicianId, RegionCode = d.Regions.Where(r => r.Id == c.RegionId).Select(r => r.Code).First() })
            .ToListAsync());
        var sites = await app.DbAsync(d => d.Sites.AsNoTracking().Select(s => new { s.Id, s.CustomerId }).ToListAsync());
        var equipment = await app.DbAsync(d => d.Equipment.AsNoTracking().Select(e => new { e.Id, e.SiteId }).ToListAsync());

        bool Visible(int customerId)
        {
            var customer = customers.Single(c => c.Id == customerId);
            return account.Role switch
            {
                AfterSales.Domain.People.StaffRole.Technician => customer.TechnicianId == staffId,
                _ when account.RegionCode is null => true,
                _ => customer.RegionCode == account.RegionCode,
            };
        }

        var client = await app.LogInAsync(userName);

        var listed = await IdsAsync(client, "/api/customers?pageSize=200");
        Assert.Equal(customers.Where(c => Visible(c.Id)).Select(c => c.Id).Order(), listed.Order());
        var listedEquipment = await IdsAsync(client, "/api/equipment?pageSize=200");
        var expectedEquipment = equipment.Where(e => Visible(sites.Single(s => s.Id == e.SiteId).CustomerId)).Select(e => e.Id).Order();
        Assert.Equal(expectedEquipment, listedEquipment.Order());

        // One hidden and one visible record of each kind, through the API and the pages.
        var hidden = customers.FirstOrDefault(c => !Visible(c.Id));
        if (hidden is not null)
        {
            var site = sites.First(s => s.CustomerId == hidden.Id);
            var unit = equipment.First(e => e.SiteId == site.Id);
            foreach (var url in new[]
            {
                $"/api/customers/{hidden.Id}", $"/api/customers/{hidden.Id}/sites/{site.Id}", $"/api/equipment/{unit.Id}",
                $"/Customers/Details/{hidden.Id}", $"/Equipment/Details/{unit.Id}",
            })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{userName} GET {url}: {(int)response.StatusCode}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain($"C{hidden.Id:0000}", body);
            }
        }
        var shown = customers.First(c => Visible(c.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/customers/{shown.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Customers/Details/{shown.Id}")).StatusCode);
    }

    private static async Task<List<int>> IdsAsync(HttpClient client, string url)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.True(page.GetProperty("total").GetInt32() <= 200, "the list needs more than one page for this test");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
    }
}
