using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace AfterSales.Tests.Support;

/// <summary>The real app over real HTTP (in-process), on the given database, with a clock the test can move.</summary>
/// <param name="provider">The database engine.</param>
/// <param name="connectionString">The test's own database.</param>
/// <param name="settings">Configuration for this test only, e.g. a policy value ("Policy:Callbacks:SamplePercent").</param>
public sealed class AppFactory(Db provider, string connectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    static AppFactory()
    {
        // Dozens of test hosts run at once; watching appsettings files for changes would exhaust the
        // machine's inotify instances (128 by default) and nothing here edits them while tests run.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    // Starts at the real time: cookies and data-protection keys are checked against it. Tests move it forward.
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:AfterSales", connectionString);
        builder.UseSetting("Database:Provider", provider == Db.Sqlite ? "sqlite" : "postgres");
        // Tests provoke failing SQL on purpose (the append-only guard); the failures are asserted, not logged.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Update", "None");
        // Tests send the outbox themselves (OutboxDispatcher.SendDueAsync); a background run would race them.
        builder.UseSetting("Outbox:IntervalSeconds", "0");
        // Likewise the daily report judge: tests judge a day themselves (DailyReportJudge), or turn the worker on.
        builder.UseSetting("Reports:JudgeIntervalSeconds", "0");
        // Likewise the attendance checks (AnomalyDetector, PhoneService.SettleDueAsync): tests run them.
        builder.UseSetting("Attendance:DetectorIntervalSeconds", "0");
        // Likewise the overdue part returns (PartReturnJob): tests charge them themselves.
        builder.UseSetting("Stock:OverdueIntervalSeconds", "0");
        // Likewise the overnight dispatch run (OvernightDispatch): tests run it.
        builder.UseSetting("Dispatch:OvernightIntervalSeconds", "0");
        // Likewise the scheduled month close (ScheduledMonthClose): tests run it.
        builder.UseSetting("Assessment:CloseIntervalSeconds", "0");
        // Tests log many people in from one address; the limit itself is tested with a low setting of its own.
        builder.UseSetting("RateLimits:LogInsPerMinute", "100000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
