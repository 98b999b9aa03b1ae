using System.Net;
using System.Net.Http.Json;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Features;

public sealed class FoundationTests
{
    [Theory, BothDatabases]
    public async Task Health_reports_the_database_healthy(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\":\"Healthy\"", await response.Content.ReadAsStringAsync());
    }

    [Theory, BothDatabases]
    public async Task Log_in_works_by_phone_number_with_spaces_and_country_code(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var client = await app.LogInAsync("+86 139 1000 0001");
        var me = await client.GetFromJsonAsync<Dictionary<string, object>>("/api/auth/me");
        Assert.Equal("tech01", me!["userName"].ToString());
        Assert.Equal("Technician", me["role"].ToString());
    }
}
