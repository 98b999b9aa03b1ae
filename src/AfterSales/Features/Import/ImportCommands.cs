using System.CommandLine;
using System.Globalization;
using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Import;

/// <summary>
/// <c>./aftersales import staff|customers|products FILE [--valid-rows-only]</c>: prints the report; exit 0 when rows
/// were imported, 2 when nothing was (the file was rejected or could not be read).
/// </summary>
public static class ImportCommands
{
    public const int Imported = 0;
    public const int Rejected = 2;
    public const int SchemaOutOfDate = 3;

    public static Command Create(Func<WebApplication> app) => Create(() => app().Services);

    public static Command Create(Func<IServiceProvider> services)
    {
        var kindArgument = new Argument<string>("kind") { Description = "staff, customers or products" };
        kindArgument.AcceptOnlyFromAmong([.. ImportNames.Kinds.Select(k => k.Slug())]);
        var fileArgument = new Argument<FileInfo>("file") { Description = "An .xlsx or .csv file (UTF-8 or GBK)" };
        var validRowsOnly = new Option<bool>("--valid-rows-only")
        {
            Description = "Import the valid rows and list the others (default: import nothing when any row has a problem)",
        };
        var cultureOption = new Option<string>("--culture")
        {
            Description = "Language of the messages: zh-CN (default) or en",
            DefaultValueFactory = _ => Localization.DefaultCulture,
        };
        var command = new Command("import", "Import staff, customers or products from an .xlsx or .csv file; every row is checked first.");
        command.Arguments.Add(kindArgument);
        command.Arguments.Add(fileArgument);
        command.Options.Add(validRowsOnly);
        command.Options.Add(cultureOption);
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var culture = Localization.Cultures.Contains(result.GetValue(cultureOption)) ? result.GetValue(cultureOption)! : Localization.DefaultCulture;
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            var kind = ImportNames.ParseKind(result.GetValue(kindArgument))!.Value;
            var mode = result.GetValue(validRowsOnly) ? ImportMode.ValidRowsOnly : ImportMode.AllOrNothing;
            var file = result.GetValue(fileArgument)!;

            await using var scope = services().CreateAsyncScope();
            var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<ImportText>>();
            var errors = scope.ServiceProvider.GetRequiredService<IStringLocalizer<ErrorText>>();
            if (!file.Exists)
            {
                await output.WriteLineAsync(text["Cli.FileNotFound", file.FullName]);
                return Rejected;
            }
            if ((await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(text["Cli.SchemaOutOfDate"]);
                return SchemaOutOfDate;
            }
            scope.ServiceProvider.GetRequiredService<AuditActor>().Name = "cli:import";
            try
            {
                var content = await File.ReadAllBytesAsync(file.FullName, ct);
                var report = await scope.ServiceProvider.GetRequiredService<ImportService>().ImportAsync(kind, file.Name, content, mode, ct);
                await output.WriteLineAsync(text["Cli.Summary", text[$"Kind.{report.Kind}"], report.RowsRead, report.RowsValid, report.Imported]);
                foreach (var problem in report.Problems)
                {
                    await output.WriteLineAsync(problem.Value is null
                        ? text["Cli.ProblemNoValue", problem.Row, problem.Column, problem.Message]
                        : text["Cli.Problem", problem.Row, problem.Column, problem.Value, problem.Message]);
                }
                if (report.Rejected) await output.WriteLineAsync(errors["ImportRejected", report.RowsWithProblems]);
                return report.Rejected ? Rejected : Imported;
            }
            catch (DomainException e)
            {
                await output.WriteLineAsync(errors[e.Code, e.Arguments]);
                return Rejected;
            }
        });
        return command;
    }
}
