using System.CommandLine;
using System.Globalization;
using AfterSales.Data;

namespace AfterSales.Features.Stock;

/// <summary><c>./aftersales stock overdue --date yyyy-MM-dd</c>: charge the replaced parts not shipped back by that day (INV-3, ASM-10); safe to rerun.</summary>
public static class StockCommands
{
    public static Command Create(Func<WebApplication> app)
    {
        var stock = new Command("stock", "Tools, parts and materials (INV-1…INV-3).");
        var overdue = new Command("overdue", "Raise a part_not_returned incident for every replaced part still not shipped back after its due day; once per part.");
        var date = new Option<string>("--date") { Description = "The local day to judge as today, yyyy-MM-dd (default: today)" };
        overdue.Options.Add(date);
        overdue.SetAction(async (result, ct) =>
        {
            await using var scope = app().Services.CreateAsyncScope();
            var text = result.GetValue(date);
            DateOnly day;
            if (text is null) day = scope.ServiceProvider.GetRequiredService<Infrastructure.LocalTime>().Today;
            else if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                await Console.Error.WriteLineAsync("--date must be yyyy-MM-dd.");
                return 2;
            }
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli:stock overdue";
            var charged = await scope.ServiceProvider.GetRequiredService<PartReturnJob>().ChargeOverdueAsync(day, ct);
            Console.WriteLine($"Part returns overdue by {day:yyyy-MM-dd}: {charged.Charged} charged, {charged.AlreadyCharged} charged before.");
            return 0;
        });
        stock.Subcommands.Add(overdue);
        return stock;
    }
}
