using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AfterSales.Domain.People;
using AfterSales.Features.Demo;
using Microsoft.AspNetCore.Routing;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Features;

/// <summary>
/// SEC-2 over every work-order endpoint the app maps, for every demo log-in, on a job of tech01 in FJ: those who may
/// not see it get 404, those who see it but may not do the action 403, the others get past authorization (whatever
/// the action then says about the job's state or the body), and nobody gets in without logging in.
/// </summary>
public sealed class WorkOrderAuthorizationTests
{
    /// <summary>Actions only dispatching roles take (intake, assignment, cancellation, reclassification).</summary>
    private static readonly string[] ManagersOnly = ["assign", "cancel", "repair-class"];

    /// <summary>Multipart uploads are checked in their own test; everything else is called here with an empty JSON body.</summary>
    private static readonly string[] NotJson = ["photos"];

    [Theory, BothDatabases]
    public async Task Every_endpoint_answers_every_role_as_its_scope_and_capabilities_say(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        var store = await app.LogInAsync("fj.store");
        var created = await store.PostAsJsonAsync("/api/work-orders",
            new { kind = "Installation", customerId = 1, siteId = 1, description = "安装", items = new[] { new { productId = 1, quantity = 1 } } });
        var job = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrder");
        var id = job.GetProperty("id").GetInt32();
        var tech01 = await app.StaffIdAsync("tech01");

        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/work-orders/{id", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .Where(e => !NotJson.Any(n => e.Route.EndsWith("/" + n, StringComparison.Ordinal) && e.Method == "POST"))
            .ToList();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} work-order endpoints found");

        var failures = new List<string>();
        foreach (var account in DemoCompany.Accounts)
        {
            var client = await app.LogInAsync(account.UserName);
            var staffId = await app.StaffIdAsync(account.UserName);
            var reads = account.Role == StaffRole.Technician ? staffId == tech01 : account.RegionCode is null or "FJ";
            var readOnly = account.Role is StaffRole.Finance or StaffRole.TechnicalSupport or StaffRole.SupervisionDepartment;
            var dispatches = account.Role is StaffRole.Administrator or StaffRole.GeneralManager or StaffRole.RegionalManager
                or StaffRole.DeputyManager or StaffRole.Supervisor or StaffRole.Store;
            var approves = account.Role is StaffRole.Administrator or StaffRole.GeneralManager or StaffRole.RegionalManager or StaffRole.DeputyManager;

            foreach (var (method, route) in endpoints)
            {
                var verb = route.Split('/').ElementAtOrDefault(4) ?? "";
                var url = route.Replace("{id:int}", id.ToString()).Replace("{itemId:int}", "999999").Replace("{measurementId:int}", "999999")
                    .Replace("{photoId:int}", "999999").Replace("{staffId:int}", "999999").Replace("{requestId:int}", "999999");
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT") request.Content = JsonContent.Create(new { });
                var status = (await client.SendAsync(request)).StatusCode;

                var writes = method != "GET";
                HttpStatusCode[] expected;
                if (!reads) expected = [HttpStatusCode.NotFound];
                else if (writes && (readOnly || (ManagersOnly.Contains(verb) && !dispatches) || (route.EndsWith("/decision") && !approves)))
                    expected = [HttpStatusCode.Forbidden];
                else expected = [];
                var ok = expected.Length > 0
                    ? expected.Contains(status)
                    : status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError)
                      && (status != HttpStatusCode.NotFound || url.Contains("999999"));
                if (!ok) failures.Add($"{account.UserName} {method} {route} → {(int)status}, expected {(expected.Length > 0 ? string.Join("/", expected.Select(e => (int)e)) : "allowed")}");
            }
        }

        var anonymous = app.Anonymous();
        foreach (var (method, route) in endpoints)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id:int}", id.ToString()).Replace(":int}", "}").Replace("{itemId}", "1")
                .Replace("{measurementId}", "1").Replace("{photoId}", "1").Replace("{staffId}", "1").Replace("{requestId}", "1"));
            if (method is "POST" or "PUT") request.Content = JsonContent.Create(new { });
            var status = (await anonymous.SendAsync(request)).StatusCode;
            if (status != HttpStatusCode.Unauthorized) failures.Add($"anonymous {method} {route} → {(int)status}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
