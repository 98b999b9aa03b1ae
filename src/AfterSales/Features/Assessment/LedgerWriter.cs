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
/// tracker: PostgreSQL's binary COPY, or on SQLite one prepared INSERT reused for every row. Rows are written as they
/// come (a close streams a million lines while it judges the next people), so none has to be held. The columns, their
/// names and the stored form of each value (enums by name, instants as UTC ticks on SQLite …) come from the EF
/// model, so the rows are exactly what <c>SaveChanges</c> would have written. Ledger rows are not audited entities.
/// </summary>
internal sealed class LedgerWriter<T> : IAsyncDisposable where T : class
{
    private readonly List<Column> _columns;
    private readonly NpgsqlBinaryImporter? _copy;
    private readonly DbCommand? _insert;
    private readonly DbParameter[] _parameters = [];
    private readonly object? _cacheSize;
    private readonly CancellationToken _ct;

    public int Count { get; private set; }

    private LedgerWriter(List<Column> columns, NpgsqlBinaryImporter? copy, DbCommand? insert, DbParameter[] parameters, object? cacheSize,
        CancellationToken ct) => (_columns, _copy, _insert, _parameters, _cacheSize, _ct) = (columns, copy, insert, parameters, cacheSize, ct);

    public static async Task AppendAsync(AppDbContext db, IEnumerable<T> rows, CancellationToken ct)
    {
        await using var writer = await OpenAsync(db, ct);
        foreach (var row in rows) await writer.WriteAsync(row);
        await writer.CompleteAsync();
    }

    public static async Task<LedgerWriter<T>> OpenAsync(AppDbContext db, CancellationToken ct)
    {
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
            var copy = await connection.BeginBinaryImportAsync($"COPY {tableName} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            return new LedgerWriter<T>(columns, copy, null, [], null, ct);
        }

        var sqlite = db.Database.GetDbConnection();
        var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {tableName} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = columns[i].Mapping.CreateParameter(command, $"@p{i}", null, columns[i].Property.IsNullable);
            command.Parameters.Add(parameters[i]);
        }
        command.Prepare();
        // SQLite's page cache is 2 MB by default: a million rows' indexes would be read back from the file page by page.
        var cacheSize = await PragmaAsync(sqlite, transaction, "cache_size", ct);
        await PragmaAsync(sqlite, transaction, $"cache_size = -{CacheKibibytes}", ct);
        return new LedgerWriter<T>(columns, null, command, parameters, cacheSize, ct);
    }

    public async ValueTask WriteAsync(T row)
    {
        _ct.ThrowIfCancellationRequested();
        if (_copy is not null)
        {
            await _copy.StartRowAsync(_ct);
            foreach (var column in _columns) Write(_copy, column.Stored(row));
        }
        else
        {
            for (var i = 0; i < _columns.Count; i++) _parameters[i].Value = _columns[i].Stored(row) ?? DBNull.Value;
            _insert!.ExecuteNonQuery();
        }
        Count++;
    }

    /// <summary>Makes the rows part of the transaction; a writer disposed without it writes nothing on PostgreSQL.</summary>
    public async Task CompleteAsync()
    {
        if (_copy is not null) await _copy.CompleteAsync(_ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null) await _copy.DisposeAsync();
        if (_insert is not null)
        {
            await PragmaAsync(_insert.Connection!, _insert.Transaction!, $"cache_size = {_cacheSize}", CancellationToken.None);
            await _insert.DisposeAsync();
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
