using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AfterSales.Data;
using AfterSales.Features.Demo;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Support;

/// <summary>
/// One test's app: a fresh database (demo company included unless asked otherwise) and the app over HTTP.
/// <code>await using var app = await TestApp.StartAsync(db);</code>
/// </summary>
public sealed partial class TestApp : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private TestApp(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        _database = database;
        Factory = new AppFactory(database.Provider, database.ConnectionString, settings);
    }

    public AppFactory Factory { get; }
    public TestDatabase Database => _database;
    public Db Provider => _database.Provider;
    public string ConnectionString => _database.ConnectionString;

    public static async Task<TestApp> StartAsync(Db provider, bool demo = true) =>
        new(await TestDatabase.CreateAsync(provider, demo));

    /// <summary>A test app with the demo company and some configuration of its own.</summary>
    public static async Task<TestApp> StartAsync(Db provider, IReadOnlyDictionary<string, string> settings) =>
        new(await TestDatabase.CreateAsync(provider, true), settings);

    /// <summary>An app over a database made elsewhere (e.g. restored from a backup); disposing it drops the database.</summary>
    public static TestApp Attach(TestDatabase database) => new(database);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A client that is not logged in (cookies kept, redirects not followed).</summary>
    public HttpClient Anonymous() =>
        Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client logged in as a demo user (e.g. "tech01", "fj.manager", "admin").</summary>
    public async Task<HttpClient> LogInAsync(string userName, string password = DemoCompany.Password)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { login = userName, password });
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"log-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Runs code against the test's database (to arrange data or check what a request stored).</summary>
    public async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await work(db);
    }

    public Task DbAsync(Func<AppDbContext, Task> work) => DbAsync(async db => { await work(db); return 0; });

    public Task<int> StaffIdAsync(string userName) =>
        DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.StaffId).SingleAsync());

    /// <summary>
    /// Submits a page's form as a browser would: reads the page, takes its anti-forgery token and posts the fields.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields, string? postUrl = null)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, $"GET {pageUrl}: {(int)page.StatusCode}");
        var token = AntiForgeryToken().Match(html);
        Assert.True(token.Success, $"no anti-forgery token on {pageUrl}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryToken();
}

/// <summary>Runs a theory once on SQLite and once on PostgreSQL.</summary>
public sealed class BothDatabasesAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [[Db.Sqlite], [Db.Postgres]];
}
