using System.CommandLine;
using AfterSales.Data;
using AfterSales.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Infrastructure.CommandLine;

/// <summary><c>migrate</c> and <c>seed-demo</c>.</summary>
public static class DatabaseCommands
{
    public static Command Migrate(Func<WebApplication> app)
    {
        var command = new Command("migrate", "Create the database if needed and apply every pending migration.");
        command.SetAction(async (_, ct) =>
        {
            await using var scope = app().Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            Console.WriteLine(pending.Count == 0
                ? $"{app().Services.GetRequiredService<DatabaseOptions>().Describe()}: schema is up to date."
                : $"{app().Services.GetRequiredService<DatabaseOptions>().Describe()}: applied {pending.Count} migration(s): {string.Join(", ", pending)}");
            return 0;
        });
        return command;
    }

    public static Command SeedDemo(Func<WebApplication> app)
    {
        var command = new Command("seed-demo", "Fill an empty database with the demo company (regions, staff, customers, products, equipment) and a day of its work orders.");
        command.SetAction(async (_, ct) =>
        {
            await using var scope = app().Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                Console.Error.WriteLine("The database schema is out of date. Run ./aftersales migrate first.");
                return 3;
            }
            var demo = scope.ServiceProvider.GetRequiredService<DemoCompany>();
            if (!await demo.SeedAsync(ct))
            {
                Console.Error.WriteLine("The database already holds data; the demo company is only added to an empty database.");
                return 2;
            }
            await scope.ServiceProvider.GetRequiredService<DemoActivity>().SeedAsync(ct);
            Console.WriteLine("Demo company created, with a day of its work.");
            DemoCompany.PrintLogIns(Console.Out);
            return 0;
        });
        return command;
    }
}
