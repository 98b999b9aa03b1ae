using System.Net;
using AfterSales.Tests.Support;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace AfterSales.Tests.Features;

/// <summary>
/// Issue 12 (security checks in the suite): cross-site request forgery and the browser's security headers, generated from
/// the app's own endpoint list so that a new page or form endpoint is covered without anyone writing a line.
/// </summary>
public sealed class FormSafetyTests
{
    /// <summary>
    /// API endpoints that take a form without the anti-forgery token, each for its reason. A browser on another site cannot
    /// use the session for them: the session cookie is SameSite=Lax, so a cross-site form post arrives without it (asserted below).
    /// </summary>
    private static readonly Dictionary<string, string> FormsWithoutToken = new()
    {
        ["POST /api/auth/login"] = "logging in (anonymous, JSON)",
        ["POST /api/sms/inbound"] = "the SMS gateway, checked by its HMAC signature",
        ["POST /api/safety/jobs/{workOrderId:int}/permit/steps/{stepId:int}"] = "the phone's photo upload (fetch, same-origin; session cookie SameSite=Lax)",
        ["POST /api/safety/sites/{siteId:int}/agreements"] = "a safety agreement's scan (fetch, same-origin; session cookie SameSite=Lax)",
        ["POST /api/trips/{id:int}/tickets"] = "a ticket photo from the phone (fetch, same-origin; session cookie SameSite=Lax)",
        ["POST /api/trips/{id:int}/expenses"] = "a receipt photo from the phone (fetch, same-origin; session cookie SameSite=Lax)",
    };

    [Fact]
    public async Task Every_page_refuses_a_form_post_without_its_anti_forgery_token()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var pages = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.RawText is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().Order().ToList();
        Assert.True(pages.Count > 60, $"only {pages.Count} pages found");

        var admin = await app.LogInAsync("admin");
        var refused = 0;
        var failures = new List<string>();
        foreach (var route in pages)
        {
            var url = System.Text.RegularExpressions.Regex.Replace(route, @"\{\*?(\w+)(:[^}]*)?\??\}", m => m.Groups[1].Value switch
            {
                "token" => "not-a-token",
                "status" => "404",
                "hash" => "0",
                _ => "1",
            });
            var response = await admin.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "forged" }));
            // Refused for the missing token (400), or not open to this person at all (sent to the "not allowed" page).
            if (response.StatusCode == HttpStatusCode.BadRequest) refused++;
            else if (!(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Identity/Denied", StringComparison.Ordinal)))
                failures.Add($"POST {url}: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, "accepted a post without its token: " + string.Join(", ", failures));
        Assert.True(refused > 50, $"only {refused} pages refused for the token");
    }

    [Fact]
    public async Task Form_endpoints_of_the_API_check_the_token_except_the_few_named_and_the_session_cookie_stays_on_its_site()
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite);
        var unchecked_ = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct().Order().ToList();
        var unexplained = unchecked_.Where(e => !FormsWithoutToken.ContainsKey(e)).ToList();
        Assert.True(unexplained.Count == 0, "anti-forgery turned off without a reason here: " + string.Join(", ", unexplained));

        // What makes those safe: the session cookie is not sent with another site's form posts, nor readable by scripts.
        var client = app.Anonymous();
        var logIn = await client.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { login = "tech01", password = AfterSales.Features.Demo.DemoCompany.Password }));
        var session = logIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("aftersales.auth=", StringComparison.Ordinal));
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/Identity/Login")]
    [InlineData("/api/auth/me")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        await using var app = await TestApp.StartAsync(Db.Sqlite, demo: false);
        var response = await app.Anonymous().GetAsync(path);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("form-action 'self'", policy);
    }
}
