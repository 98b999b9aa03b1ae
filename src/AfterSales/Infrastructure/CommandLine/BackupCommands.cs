using System.CommandLine;
using AfterSales.Data;
using AfterSales.Features.Audit;

namespace AfterSales.Infrastructure.CommandLine;

/// <summary><c>./aftersales backup --to FILE</c> and <c>./aftersales restore --from FILE [--force]</c> (see <see cref="DatabaseBackup"/>).</summary>
public static class BackupCommands
{
    public static Command Backup(Func<WebApplication> app)
    {
        var to = new Option<FileInfo>("--to") { Description = "The archive to write (a .zip); written whole or not at all", Required = true };
        var command = new Command("backup", "Save the whole database (uploaded files included) in one archive, while the app runs.");
        command.Options.Add(to);
        command.SetAction(async (result, ct) =>
        {
            await using var scope = app().Services.CreateAsyncScope();
            try
            {
                var manifest = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().CreateAsync(result.GetValue(to)!.FullName, ct);
                Console.WriteLine($"Backup of {app().Services.GetRequiredService<DatabaseOptions>().Describe()} written to {result.GetValue(to)!.FullName}: "
                    + $"{manifest.Bytes:N0} bytes of {manifest.Provider}, schema {manifest.Migration ?? "(empty)"}, sha256 {manifest.Sha256}.");
                return 0;
            }
            catch (BackupException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    public static Command Restore(Func<WebApplication> app)
    {
        var from = new Option<FileInfo>("--from") { Description = "An archive written by ./aftersales backup", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace a database that already holds data" };
        var command = new Command("restore", "Put a backup back into the configured database (stop the app first), then check its audit trail.");
        command.Options.Add(from);
        command.Options.Add(force);
        command.SetAction(async (result, ct) =>
        {
            BackupManifest manifest;
            await using (var scope = app().Services.CreateAsyncScope())
            {
                try
                {
                    manifest = await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().RestoreAsync(result.GetValue(from)!.FullName, result.GetValue(force), ct);
                }
                catch (BackupException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 2;
                }
            }
            Console.WriteLine($"Restored the backup of {manifest.CreatedAt:u} (schema {manifest.Migration ?? "(empty)"}) into "
                + $"{app().Services.GetRequiredService<DatabaseOptions>().Describe()}. Run ./aftersales migrate if this version is newer.");
            await using var check = app().Services.CreateAsyncScope();
            var audit = await check.ServiceProvider.GetRequiredService<AuditChain>().VerifyAsync(ct);
            Console.WriteLine(audit.Intact ? $"Audit trail intact: {audit.RowsChecked} rows verified." : $"Audit trail BROKEN: {audit.Describe()}.");
            return audit.Intact ? 0 : 1;
        });
        return command;
    }
}
