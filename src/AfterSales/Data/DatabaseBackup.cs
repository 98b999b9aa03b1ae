using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AfterSales.Data;

/// <summary>What a backup archive says about itself (<c>manifest.json</c>).</summary>
public sealed record BackupManifest(int Format, string Provider, DateTimeOffset CreatedAt, string? Migration, string Entry, string Sha256, long Bytes);

/// <summary>
/// <c>./aftersales backup</c> and <c>restore</c>: one zip file holding the whole database — uploaded photos, evidence,
/// signatures and the data-protection keys live in it too, so nothing else needs saving — and a manifest with the
/// checksum. SQLite is copied with SQLite's online backup (consistent while the app runs); PostgreSQL with
/// <c>pg_dump</c>'s custom format. A backup restores onto the same engine; restoring over a database that holds data
/// needs <c>--force</c>.
/// </summary>
public sealed class DatabaseBackup(AppDbContext db, DatabaseOptions options)
{
    private const int Format = 1;
    private const string ManifestEntry = "manifest.json";

    public async Task<BackupManifest> CreateAsync(string archive, CancellationToken ct)
    {
        var provider = Name(options.Provider);
        var migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault();
        var dump = Path.Combine(Path.GetTempPath(), $"aftersales-backup-{Guid.NewGuid():N}");
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                await using var source = new SqliteConnection(options.ConnectionString);
                await source.OpenAsync(ct);
                await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Pooling = false }.ConnectionString);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            else
            {
                var server = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                await RunAsync("pg_dump", server, ["--format=custom", "--no-owner", "--no-privileges", $"--file={dump}", server.Database!], ct);
            }
            var entry = provider == "sqlite" ? "database.sqlite" : "database.pgdump";
            var manifest = new BackupManifest(Format, provider, DateTimeOffset.UtcNow, migration, entry, await HashAsync(dump, ct), new FileInfo(dump).Length);
            var folder = Path.GetDirectoryName(Path.GetFullPath(archive));
            if (folder is not null) Directory.CreateDirectory(folder);
            var partial = archive + ".partial";
            await using (var zip = new ZipArchive(File.Create(partial), ZipArchiveMode.Create))
            {
                await zip.CreateEntryFromFileAsync(dump, entry, CompressionLevel.Optimal, ct);
                await using var stream = await zip.CreateEntry(ManifestEntry).OpenAsync(ct);
                await JsonSerializer.SerializeAsync(stream, manifest, Json, ct);
            }
            // Only a complete archive takes the name: a backup cut short never looks like a good one.
            File.Move(partial, archive, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>Reads the archive's manifest and checks its database against the checksum; refuses what cannot be restored here.</summary>
    public async Task<BackupManifest> RestoreAsync(string archive, bool force, CancellationToken ct)
    {
        if (!File.Exists(archive)) throw new BackupException($"No such file: {archive}");
        var dump = Path.Combine(Path.GetTempPath(), $"aftersales-restore-{Guid.NewGuid():N}");
        try
        {
            BackupManifest manifest;
            try
            {
                await using var zip = await ZipArchive.CreateAsync(File.OpenRead(archive), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, ct);
                var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new BackupException($"{archive} is not an AfterSales backup: it has no {ManifestEntry}.");
                await using (var stream = await manifestEntry.OpenAsync(ct))
                    manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct) ?? throw new BackupException("The manifest is empty.");
                if (manifest.Format != Format) throw new BackupException($"Backup format {manifest.Format} is not known to this version (it reads format {Format}).");
                var entry = zip.GetEntry(manifest.Entry) ?? throw new BackupException($"The archive lacks {manifest.Entry}.");
                await entry.ExtractToFileAsync(dump, overwrite: true, ct);
            }
            catch (InvalidDataException e)
            {
                throw new BackupException($"{archive} is not a readable backup: {e.Message}");
            }
            if (await HashAsync(dump, ct) != manifest.Sha256)
                throw new BackupException("The database in the archive does not match its checksum: the file is damaged. Nothing was restored.");
            if (manifest.Provider != Name(options.Provider))
                throw new BackupException($"This is a {manifest.Provider} backup; the configured database is {Name(options.Provider)}. Nothing was restored.");
            if (!force && await HoldsDataAsync(ct))
                throw new BackupException($"{options.Describe()} already holds data. Restore over it only with --force. Nothing was restored.");

            if (options.Provider == DatabaseProvider.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
                await source.OpenAsync(ct);
                await using var target = new SqliteConnection(options.ConnectionString);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            else
            {
                var server = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                await EnsureEmptyPostgresAsync(server, ct);
                await RunAsync("pg_restore", server, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={server.Database}", dump], ct);
            }
            return manifest;
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private async Task<bool> HoldsDataAsync(CancellationToken ct)
    {
        if (!await db.Database.CanConnectAsync(ct)) return false;
        return (await db.Database.GetAppliedMigrationsAsync(ct)).Any();
    }

    /// <summary>Creates the database when it does not exist, and empties its public schema (restoring with --force).</summary>
    private static async Task EnsureEmptyPostgresAsync(NpgsqlConnectionStringBuilder server, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        var maintenance = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", server.Database!);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                // A database name cannot be a parameter; it is quoted as an identifier.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{server.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
                return;
            }
        }
        await using var target = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString);
        await target.OpenAsync(ct);
        await using var empty = new NpgsqlCommand("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;", target);
        await empty.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs a PostgreSQL client tool with the connection's server, port and user; the password goes in its environment.</summary>
    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder server, IEnumerable<string> arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add($"--host={server.Host}");
        info.ArgumentList.Add($"--port={server.Port}");
        if (!string.IsNullOrEmpty(server.Username)) info.ArgumentList.Add($"--username={server.Username}");
        info.ArgumentList.Add("--no-password");
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (!string.IsNullOrEmpty(server.Password)) info.Environment["PGPASSWORD"] = server.Password;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new BackupException($"{tool} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{tool} is not installed (Debian/Ubuntu: apt-get install postgresql-client).");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await error).Trim()}");
        }
    }

    private static async Task<string> HashAsync(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static string Name(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>A backup or restore that cannot be done, with the reason for the person at the terminal.</summary>
public sealed class BackupException(string message) : Exception(message);
