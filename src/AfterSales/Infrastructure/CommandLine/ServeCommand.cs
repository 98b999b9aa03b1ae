using System.CommandLine;
using AfterSales.Data;
using AfterSales.Features.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Infrastructure.CommandLine;

/// <summary>
/// <c>serve</c>: run the web app. On SQLite the schema is migrated and, on a new database, the demo company is
/// added. On PostgreSQL an out-of-date schema stops the start: migrations there are a deliberate step.
/// </summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static readonly Option<string?> Urls = new("--urls")
    {
        Description = $"Where to listen (default {DefaultUrls}; ASPNETCORE_URLS also works)",
    };

    private static readonly Option<bool> NoDemo = new("--no-demo") { Description = "Do not add the demo company to a new SQLite database" };

    public static Command Create(Func<WebApplication> app)
    {
        var command = new Command("serve", "Run the web app and API (SQLite by default; PostgreSQL when configured).");
        command.Options.Add(Urls);
        command.Options.Add(NoDemo);
        command.SetAction((result, ct) => RunAsync(app(), seedDemo: !result.GetValue(NoDemo), ct));
        return command;
    }

    public static async Task<int> RunAsync(WebApplication web, bool seedDemo, CancellationToken ct)
    {
        if (web.Urls.Count == 0 && string.IsNullOrEmpty(web.Configuration["urls"])) web.Urls.Add(DefaultUrls);
        var ready = await PrepareDatabaseAsync(web, seedDemo, ct);
        if (ready != 0) return ready;
        bool demo;
        await using (var scope = web.Services.CreateAsyncScope())
            demo = await scope.ServiceProvider.GetRequiredService<DemoCompany>().IsPresentAsync(ct);
        web.Lifetime.ApplicationStarted.Register(() => PrintWelcome(web, demo));
        await web.RunAsync();
        return 0;
    }

    private static async Task<int> PrepareDatabaseAsync(WebApplication web, bool seedDemo, CancellationToken ct)
    {
        var options = web.Services.GetRequiredService<DatabaseOptions>();
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (pending.Count > 0)
            {
                Console.Error.WriteLine($"{options.Describe()}: the schema is out of date ({pending.Count} pending migration(s): {string.Join(", ", pending)}).");
                Console.Error.WriteLine("Run ./aftersales migrate (with the same connection settings), then start again.");
                return 3;
            }
            return 0;
        }
        if (pending.Count > 0)
        {
            Console.WriteLine($"{options.Describe()}: applying {pending.Count} migration(s)…");
            await db.Database.MigrateAsync(ct);
        }
        if (seedDemo && await scope.ServiceProvider.GetRequiredService<DemoCompany>().SeedAsync(ct))
        {
            await scope.ServiceProvider.GetRequiredService<DemoActivity>().SeedAsync(ct);
            Console.WriteLine("New database: the demo company was added, with a day of its work.");
        }
        return 0;
    }

    private static void PrintWelcome(WebApplication web, bool demo)
    {
        var addresses = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"AfterSales is running on {web.Services.GetRequiredService<DatabaseOptions>().Describe()}.");
        foreach (var address in addresses) Console.WriteLine($"  Open {address}");
        if (demo) DemoCompany.PrintLogIns(Console.Out);
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
