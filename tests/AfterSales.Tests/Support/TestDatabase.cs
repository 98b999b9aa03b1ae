using AfterSales.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AfterSales.Tests.Support;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh database for one test: a copy of a template that was migrated and given the demo company once per
/// run. SQLite copies a file; PostgreSQL clones a template database on the real server named by
/// AFTERSALES_TEST_POSTGRES (the test script starts one).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    private TestDatabase(Db provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _drop = drop;
    }

    private readonly Func<Task> _drop;

    public Db Provider { get; }
    public string ConnectionString { get; }
    public string ProviderName => Provider == Db.Sqlite ? "sqlite" : "postgres";

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("AFTERSALES_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "AFTERSALES_TEST_POSTGRES is not set. Run the suite with ./run-tests, which starts PostgreSQL, " +
            "or point it at a server: AFTERSALES_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=postgres;Password=…'.");

    /// <summary>A database with no schema at all, as on a new server.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(Db provider)
    {
        var name = $"e_{RunId}_{Guid.NewGuid():N}"[..30];
        if (provider == Db.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "aftersales-tests", name + ".db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return new TestDatabase(provider, $"Data Source={file};Pooling=False", () =>
            {
                File.Delete(file);
                return Task.CompletedTask;
            });
        }
        var server = PostgresServer;
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE template0");
        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    public static async Task<TestDatabase> CreateAsync(Db provider, bool demo = true)
    {
        var name = $"t_{RunId}_{Guid.NewGuid():N}"[..30];
        if (provider == Db.Sqlite)
        {
            var template = demo ? await SqliteTemplateAsync() : null;
            var file = Path.Combine(Path.GetTempPath(), "aftersales-tests", name + ".db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (template is not null) File.Copy(template, file);
            var cs = $"Data Source={file};Pooling=False";
            if (!demo) await PrepareAsync(Db.Sqlite, cs, seed: false);
            return new TestDatabase(provider, cs, () =>
            {
                File.Delete(file);
                return Task.CompletedTask;
            });
        }

        var server = PostgresServer;
        var source = demo ? await PostgresTemplateAsync() : "template0";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{source}\"");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        if (!demo) await PrepareAsync(Db.Postgres, connection, seed: false);
        return new TestDatabase(provider, connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    public ValueTask DisposeAsync() => new(_drop());

    private static async Task<string> SqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is not null) return _sqliteTemplate;
            var file = Path.Combine(Path.GetTempPath(), "aftersales-tests", $"template_{RunId}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await PrepareAsync(Db.Sqlite, $"Data Source={file};Pooling=False", seed: true);
            SqliteConnection.ClearAllPools();
            return _sqliteTemplate = file;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<string> PostgresTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplate is not null) return _postgresTemplate;
            var name = $"tpl_{RunId}";
            var server = PostgresServer;
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE template0");
            await PrepareAsync(Db.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, seed: true);
            // A template may have no open connections while it is being copied.
            NpgsqlConnection.ClearAllPools();
            return _postgresTemplate = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task PrepareAsync(Db provider, string connectionString, bool seed)
    {
        await using var factory = new AppFactory(provider, connectionString);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
        if (seed) await scope.ServiceProvider.GetRequiredService<AfterSales.Features.Demo.DemoCompany>().SeedAsync();
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
