using System.IO.Compression;
using AfterSales.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Tests.Features;

/// <summary>Issue 12: <c>./aftersales backup</c> and <c>restore</c>, a round trip on each engine.</summary>
public sealed class BackupTests
{
    /// <summary>What a restored database must hold again: rows of the tables people work with, and the uploaded files.</summary>
    private static async Task<string> FingerprintAsync(TestApp app) => await app.DbAsync(async db =>
        string.Join(" ", new[]
        {
            $"staff={await db.Staff.CountAsync()}",
            $"customers={await db.Customers.CountAsync()}",
            $"orders={await db.WorkOrders.CountAsync()}",
            $"audit={await db.AuditEntries.CountAsync()}",
            $"photos={await db.VisitPhotos.CountAsync()}:{await db.VisitPhotos.SumAsync(p => (long?)p.Content.Length) ?? 0}",
            $"lastOrder={await db.WorkOrders.OrderByDescending(w => w.Id).Select(w => w.Description).FirstOrDefaultAsync()}",
        }));

    [Theory, BothDatabases]
    public async Task A_backup_restores_into_an_empty_database_with_its_files_and_an_intact_audit_trail(Db db)
    {
        await using var app = await TestApp.StartAsync(db);
        // A job with a photo on it: files live in the database and must come back with it.
        var job = await Jobs.InstallationAsync(app);
        await Jobs.OnSiteAsync(app, job);
        var tech = await app.LogInAsync("tech01");
        var photo = await TestApp.PostFormAsync(tech, $"/Visits/{job}",
            new Dictionary<string, string> { ["photoData"] = "data:image/jpeg;base64," + Convert.ToBase64String(VisitsTests.Jpeg), ["caption"] = "进水口" },
            $"/Visits/{job}?handler=Photo");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, photo.StatusCode);
        var before = await FingerprintAsync(app);
        Assert.Contains("photos=1:", before);

        var archive = Path.Combine(Path.GetTempPath(), $"aftersales-backup-{Guid.NewGuid():N}.zip");
        try
        {
            var backup = await Cli.RunAsync(app.Database, "backup", "--to", archive);
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.Contains("sha256", backup.Output);
            using (var zip = ZipFile.OpenRead(archive))
                Assert.Equal(["database." + (db == Db.Sqlite ? "sqlite" : "pgdump"), "manifest.json"], zip.Entries.Select(e => e.FullName).Order());

            // Into a new, empty database: everything back, the audit chain verified by the restore itself.
            await using var target = await TestDatabase.CreateEmptyAsync(db);
            var restore = await Cli.RunAsync(target, "restore", "--from", archive);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Contains("Audit trail intact", restore.Output);
            await using (var restored = TestApp.Attach(target))
                Assert.Equal(before, await FingerprintAsync(restored));

            // Over a database that holds data: refused without --force, and nothing changes.
            var refused = await Cli.RunAsync(app.Database, "restore", "--from", archive);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--force", refused.Error);
            Assert.Equal(before, await FingerprintAsync(app));

            // A damaged archive is refused before anything is touched.
            var damaged = archive + ".damaged.zip";
            using (var zip = ZipFile.Open(archive, ZipArchiveMode.Read))
            using (var copy = ZipFile.Open(damaged, ZipArchiveMode.Create))
                foreach (var entry in zip.Entries)
                {
                    using var from = entry.Open();
                    using var to = copy.CreateEntry(entry.FullName).Open();
                    await from.CopyToAsync(to);
                    if (entry.FullName.StartsWith("database.", StringComparison.Ordinal)) to.WriteByte(0);
                }
            var bad = await Cli.RunAsync(target, "restore", "--from", damaged, "--force");
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("checksum", bad.Error);
            File.Delete(damaged);

            // With --force the same archive replaces what is there (the technician's later change is gone again).
            await app.DbAsync(async d =>
            {
                await d.Database.ExecuteSqlRawAsync("UPDATE \"Customers\" SET \"Name\" = 'changed after the backup'");
            });
            var forced = await Cli.RunAsync(app.Database, "restore", "--from", archive, "--force");
            Assert.True(forced.ExitCode == 0, forced.ToString());
            Assert.Equal(0, await app.DbAsync(d => d.Customers.CountAsync(c => c.Name == "changed after the backup")));
        }
        finally
        {
            File.Delete(archive);
        }
    }
}
