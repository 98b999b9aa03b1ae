using System.Net;
using AfterSales.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace AfterSales.BrowserTests;

/// <summary>
/// The app on a real Kestrel port (SQLite with the demo company) and Debian's Chromium driven by Playwright.
/// Shared by the tests of one collection; each test opens its own browser context (its own cookies).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ScreenshotFolder = Path.Combine(Repository.Root, "artifacts", "screenshots");

    private TestDatabase? _database;
    private AppFactory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's services, for what no page does (a nightly job, today's date in the site's zone).</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        // The suite runs the pages on SQLite; AFTERSALES_BROWSER_DB=postgres runs the same walkthroughs on PostgreSQL.
        var engine = Environment.GetEnvironmentVariable("AFTERSALES_BROWSER_DB") == "postgres" ? Db.Postgres : Db.Sqlite;
        _database = await TestDatabase.CreateAsync(engine);
        _factory = new AppFactory(engine, _database.ConnectionString);
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        if (!File.Exists("/usr/bin/chromium"))
            throw new InvalidOperationException("Chromium is not installed at /usr/bin/chromium (apt-get install chromium).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    public static readonly ViewportSize Phone = new() { Width = 360, Height = 780 };
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <param name="viewport">The screen: <see cref="Phone"/> or <see cref="Desktop"/>.</param>
    /// <param name="position">Where the phone says it is; the page may read it without asking.</param>
    public async Task<IPage> NewPageAsync(ViewportSize viewport, Geolocation? position = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Geolocation = position,
            Permissions = position is null ? null : ["geolocation"],
            BaseURL = BaseUrl,
            ViewportSize = viewport,
            Locale = "en-US", // the app must still speak Chinese: it does not follow the browser's language
            IsMobile = viewport.Width < 768,
            HasTouch = viewport.Width < 768,
        });
        // Two cores shared with the app under test: allow more than Playwright's default 30 s.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    private static readonly System.Text.RegularExpressions.Regex LogInPage = new("/Identity/Login");

    /// <summary>Logs in through the form, as a person would.</summary>
    public static async Task LogInAsync(IPage page, string login, string password = AfterSales.Features.Demo.DemoCompany.Password)
    {
        await page.GotoAsync("/Identity/Login");
        await page.GetByLabel("手机号或用户名").FillAsync(login);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        try
        {
            // Poll the address, then wait for the landing page's content. Waiting for navigation events hung for 60 s
            // twice on a page that had long been shown: once on a load event, once on WaitForURL, which waits for a
            // load state again when the new address was already reached before it was called.
            await Assertions.Expect(page).Not.ToHaveURLAsync(LogInPage, new() { Timeout = 60_000 });
            await page.Locator("main").WaitForAsync();
        }
        catch (Exception failed) when (failed is TimeoutException or PlaywrightException)
        {
            // Say what the page showed instead (a refusal, an error), so a failed log-in explains itself.
            throw new InvalidOperationException($"log-in as {login} stayed on {page.Url}: {await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 })}", failed);
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
