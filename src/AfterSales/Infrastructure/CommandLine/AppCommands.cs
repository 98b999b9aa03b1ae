using System.CommandLine;

namespace AfterSales.Infrastructure.CommandLine;

/// <summary>
/// The command line: <c>./aftersales VERB</c>. Arguments are parsed before the host is built (they may choose the
/// database), and the chosen verb runs after, with the app's services. No verb means <c>serve</c>.
/// </summary>
public sealed class AppCommands
{
    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "Database connection string (default: ConnectionStrings__AfterSales, else SQLite file data/aftersales.db)",
        Recursive = true,
    };

    public static readonly Option<string?> Provider = new("--provider")
    {
        Description = "Database engine: sqlite or postgres (default: Database__Provider, else guessed from the connection string)",
        Recursive = true,
    };

    private readonly ParseResult _parsed;
    private readonly string[] _args;
    private WebApplication? _app;

    private AppCommands(string[] args)
    {
        _args = args;
        var root = new RootCommand("AfterSales — after-sales service management. Without a verb: serve.");
        root.Options.Add(Connection);
        root.Options.Add(Provider);
        var serve = ServeCommand.Create(() => App);
        root.Subcommands.Add(serve);
        root.Subcommands.Add(DatabaseCommands.Migrate(() => App));
        root.Subcommands.Add(DatabaseCommands.SeedDemo(() => App));
        root.Subcommands.Add(BackupCommands.Backup(() => App));
        root.Subcommands.Add(BackupCommands.Restore(() => App));
        root.Subcommands.Add(Features.Audit.AuditCommands.Create(() => App));
        root.Subcommands.Add(Features.Import.ImportCommands.Create(() => App));
        root.Subcommands.Add(Features.Outbox.OutboxCommands.Create(() => App));
        root.Subcommands.Add(Features.Assessment.AssessCommands.Create(() => App));
        root.Subcommands.Add(Features.Attendance.AttendanceCommands.Create(() => App));
        root.Subcommands.Add(Features.Stock.StockCommands.Create(() => App));
        root.Subcommands.Add(Features.Reports.SmsCommands.Create());
        root.Subcommands.Add(Features.Reports.ReportsCommands.Create(() => App));
        root.Subcommands.Add(Features.Dispatch.DispatchCommands.Create());
        root.Subcommands.Add(Features.Trips.TripCommands.Create(() => App));
        root.SetAction((_, ct) => ServeCommand.RunAsync(App, seedDemo: true, ct));
        _parsed = root.Parse(args);
    }

    private WebApplication App => _app ?? throw new InvalidOperationException("The host is not built yet.");

    public static AppCommands Parse(string[] args) => new(args);

    /// <summary>How to build the host: the published app's own folder as content root, and the database options.</summary>
    public WebApplicationOptions HostOptions()
    {
        var overrides = new List<string>();
        if (_parsed.Errors.Count == 0)
        {
            if (_parsed.GetValue(Connection) is { } connection) overrides.Add($"--ConnectionStrings:AfterSales={connection}");
            if (_parsed.GetValue(Provider) is { } provider) overrides.Add($"--Database:Provider={provider}");
            if (_parsed.GetValue(ServeCommand.Urls) is { } urls) overrides.Add($"--urls={urls}");
        }
        var published = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        return new WebApplicationOptions
        {
            // A test host passes its own arguments; they are kept as they are.
            Args = _parsed.Errors.Count == 0 ? [.. overrides] : _args,
            ContentRootPath = published ? AppContext.BaseDirectory : null,
        };
    }

    public async Task<int> InvokeAsync(WebApplication app)
    {
        _app = app;
        if (IsHostConfiguration)
        {
            // Started by a host (e.g. the test server) with configuration arguments only: just run.
            await app.RunAsync();
            return 0;
        }
        return await _parsed.InvokeAsync();
    }

    /// <summary>Arguments such as <c>--environment=Testing</c> that configure a host rather than name a verb.</summary>
    private bool IsHostConfiguration =>
        _parsed.Errors.Count > 0 && _args.Length > 0 && _args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('='));
}
