using System.Net;
using System.Net.Http.Json;
using AfterSales.Domain.People;
using AfterSales.Features.Demo;
using AfterSales.Features.Identity;
using AfterSales.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace AfterSales.Tests.Features;

/// <summary>
/// SEC-2 and issue 12: every endpoint the app maps (API and pages), generated from the app's own endpoint list, against
/// every role. A new endpoint is covered without anyone writing a line: it must be behind the log-in, or be one of the
/// few anonymous ones named here; when it names a capability, each role gets exactly what <see cref="Policies"/> grants.
/// Per-record scope (a technician's own jobs, a manager's region) is asserted in each area's tests. Authorization does
/// not depend on the database engine, so this runs on SQLite only.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>The endpoints anyone may call, each for its reason. Anything else anonymous is a failure.</summary>
    private static readonly Dictionary<string, string> Anonymous = new()
    {
        ["POST /api/auth/login"] = "logging in",
        ["POST /api/sms/inbound"] = "the SMS gateway, checked by its HMAC signature",
        ["GET /health"] = "load balancer and systemd checks",
        ["GET /openapi/{documentName}.json"] = "the API description",
        ["GET /api-docs/{documentName?}"] = "the API reference page",
        ["GET /api-docs/favicon.svg"] = "the API reference page",
        ["GET /api-docs/scalar.aspnetcore.js"] = "the API reference page",
        ["GET /api-docs/scalar.js"] = "the API reference page",
        ["GET /Identity/Login"] = "the log-in page",
        ["POST /Identity/Login"] = "the log-in form",
        ["GET /Identity/Denied"] = "where a refused page sends the browser",
        ["POST /Identity/Denied"] = "where a refused page sends the browser",
        ["GET /Error/{status:int}"] = "the error page",
        ["POST /Error/{status:int}"] = "the error page (re-executed for a failed post)",
        ["GET /r/{token}"] = "the customer signs the service record with the secret link sent to them",
        ["POST /r/{token}"] = "the customer's signature",
        ["GET /s/{token}"] = "the customer's satisfaction survey, by its secret link",
        ["POST /s/{token}"] = "the customer's answers",
        ["POST /Culture"] = "choosing the language, also on the log-in page",
        ["GET /v/{number}/{hash}"] = "anyone holding the printed record checks it is genuine",
        ["POST /v/{number}/{hash}"] = "anyone holding the printed record checks it is genuine",
    };

    private sealed record Endpoint(string Method, string Route, string? Policy, bool AllowsAnonymous, bool IsPage, bool TakesFiles)
    {
        /// <summary>What a browser opens (pages, downloads): refused by a redirect to log in or to the "not allowed" page.</summary>
        public bool ForBrowsers => !Route.StartsWith("/api/", StringComparison.Ordinal);
    }

    private static List<Endpoint> Endpoints(TestApp app) =>
    [
        .. app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .SelectMany(e =>
            {
                var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
                var isPage = e.Metadata.GetMetadata<PageActionDescriptor>() is not null;
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? (isPage ? ["GET", "POST"] : ["GET"]);
                var policy = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
                var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var files = e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
                return methods.Select(m => new Endpoint(m, route, policy, anonymous, isPage, files));
            })
            .DistinctBy(e => (e.Method, e.Route)),
    ];

    /// <summary>A route made callable: every parameter 1 (a record that may or may not exist; only authorization is judged).</summary>
    private static string Url(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{\*?(\w+)(:[^}]*)?\??\}", m => m.Groups[1].Value switch
        {
            "documentName" => "v1",
            "token" => "not-a-token",
            "code" => "404",
            "month" => "2026-10",
            "day" => "2026-10-01",
            _ => "1",
        }).Replace("//", "/");

    private static HttpRequestMessage Request(Endpoint endpoint)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Url(endpoint.Route));
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
            request.Content = endpoint.TakesFiles ? new MultipartFormDataContent { { new StringContent(""), "note" } } : JsonContent.Create(new { });
        return request;
    }

    [Fact]
    public async Task Every_endpoint_needs_a_log_in_except_the_few_named_anonymous_ones()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var endpoints = Endpoints(app);
        Assert.True(endpoints.Count > 200, $"only {endpoints.Count} endpoints found");

        var anonymous = endpoints.Where(e => e.AllowsAnonymous).Select(e => $"{e.Method} {e.Route}").Order().ToList();
        var unexplained = anonymous.Where(a => !Anonymous.ContainsKey(a)).ToList();
        Assert.True(unexplained.Count == 0, "anonymous without a reason here: " + string.Join(", ", unexplained));

        var failures = new List<string>();
        var client = app.Anonymous();
        foreach (var endpoint in endpoints.Where(e => !e.AllowsAnonymous && !e.Route.StartsWith("/api-docs", StringComparison.Ordinal)))
        {
            var response = await client.SendAsync(Request(endpoint));
            // The API answers 401; a page sends the browser to log in (a form post without its token is refused first).
            var ok = endpoint.ForBrowsers
                ? response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Identity/Login", StringComparison.Ordinal)
                  || endpoint.Method == "POST" && response.StatusCode == HttpStatusCode.BadRequest
                : response.StatusCode == HttpStatusCode.Unauthorized;
            if (!ok) failures.Add($"{endpoint.Method} {endpoint.Route} → {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, "reachable without logging in:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_endpoint_that_names_a_capability_answers_each_role_as_the_policy_grants()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var gated = Endpoints(app).Where(e => e.Policy is not null && (e.Method == "GET" || !e.IsPage)).ToList();
        Assert.True(gated.Select(e => e.Policy).Distinct().Count() >= 15, "too few capabilities in use: " + string.Join(", ", gated.Select(e => e.Policy).Distinct()));

        var failures = new List<string>();
        foreach (var account in DemoCompany.Accounts)
        {
            var client = await app.LogInAsync(account.UserName);
            foreach (var endpoint in gated)
            {
                var response = await client.SendAsync(Request(endpoint));
                var granted = Policies.Allows(endpoint.Policy!, account.Role);
                var status = response.StatusCode;
                // A page the role may not open sends the browser to the "not allowed" page; the API answers 403.
                var denied = endpoint.ForBrowsers
                    ? status == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Identity/Denied", StringComparison.Ordinal)
                    : status == HttpStatusCode.Forbidden;
                var ok = granted ? !denied && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.InternalServerError) : denied;
                if (!ok) failures.Add($"{account.UserName} ({account.Role}) {endpoint.Method} {endpoint.Route} [{endpoint.Policy}] → {(int)status}, expected {(granted ? "allowed" : "403")}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_capability_is_granted_to_someone_and_withheld_from_technicians_where_it_manages_others()
    {
        foreach (var policy in typeof(Policies).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
            Assert.True(Enum.GetValues<StaffRole>().Any(r => Policies.Allows(policy, r)), $"{policy} is granted to nobody");
        foreach (var policy in new[] { Policies.ManageUsers, Policies.ManageStaff, Policies.CloseMonth, Policies.ApprovePolicy, Policies.DecideAppeals, Policies.RecordIncidents })
            Assert.False(Policies.Allows(policy, StaffRole.Technician), $"technicians must not have {policy}");
    }
}
