using System.Data.Common;
using AfterSales.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace AfterSales.Features.Assessment;

/// <summary>
/// Appends many ledger rows (statement lines, month totals) inside the caller's transaction without the change
/// tracker: PostgreSQL's binary COPY, or on SQLite one prepared INSERT reused for every row. The columns, their
/// names and the stored form of each value (enums by name, instants as UTC ticks on SQLite …) come from the EF
/// model, so the rows are exactly what <c>SaveChanges</c> would have written. Ledger rows are not audited entities.
/// </summary>
internal static class LedgerWriter
{
    public static async Task AppendAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Ledger rows are appended inside the close's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => new Column(p, p.GetColumnName(table)!, p.GetRelationalTypeMapping())).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);

        if (db.IsPostgres)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var writer = await connection.BeginBinaryImportAsync($"COPY {tableName} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                await writer.StartRowAsync(ct);
                foreach (var column in columns) Write(writer, column.Stored(row));
            }
            await writer.CompleteAsync(ct);
            return;
        }

        var connectionSqlite = db.Database.GetDbConnection();
        await using var command = connectionSqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {tableName} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = new DbParameter[columns.Count];
        var first = rows.First();
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = columns[i].Mapping.CreateParameter(command, $"@p{i}", columns[i].Property.GetGetter().GetClrValue(first), columns[i].Property.IsNullable);
            command.Parameters.Add(parameters[i]);
        }
        command.Prepare();
        // SQLite's page cache is 2 MB by default: a million rows' indexes would be read back from the file page by page.
        var cacheSize = await PragmaAsync(connectionSqlite, transaction, "cache_size", ct);
        await PragmaAsync(connectionSqlite, transaction, $"cache_size = -{CacheKibibytes}", ct);
        try
        {
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].Stored(row) ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        }
        finally
        {
            await PragmaAsync(connectionSqlite, transaction, $"cache_size = {cacheSize}", CancellationToken.None);
        }
    }

    /// <summary>256 MiB of page cache while a large batch is appended on SQLite (given back afterwards).</summary>
    private const long CacheKibibytes = 256 * 1024;

    private static async Task<object?> PragmaAsync(DbConnection connection, DbTransaction transaction, string pragma, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA {pragma}";
        return await command.ExecuteScalarAsync(ct);
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        private readonly IClrPropertyGetter _getter = Property.GetGetter();

        public object? Stored(object row)
        {
            var value = _getter.GetClrValue(row);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }

    private static void Write(NpgsqlBinaryImporter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case int i: writer.Write(i, NpgsqlDbType.Integer); break;
            case long l: writer.Write(l, NpgsqlDbType.Bigint); break;
            case string s: writer.Write(s, NpgsqlDbType.Varchar); break;
            case decimal d: writer.Write(d, NpgsqlDbType.Numeric); break;
            case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
            case DateTimeOffset t: writer.Write(t.ToUniversalTime(), NpgsqlDbType.TimestampTz); break;
            default: throw new NotSupportedException($"No COPY writer for {value.GetType().Name}.");
        }
    }
}
