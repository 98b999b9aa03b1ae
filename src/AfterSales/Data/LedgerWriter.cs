using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using SQLitePCL;

namespace AfterSales.Data;

/// <summary>
/// Appends many ledger rows (statement lines, month totals) inside the caller's transaction without the change
/// tracker: PostgreSQL's binary COPY (<see cref="PgCopyRows"/>), or on SQLite one prepared INSERT reused for every row. Rows are written as they
/// come (a close streams a million lines while it judges the next people), so none has to be held. The columns, their
/// names and the stored form of each value (enums by name, instants as UTC ticks on SQLite …) come from the EF
/// model, so the rows are exactly what <c>SaveChanges</c> would have written. Ledger rows are not audited entities.
/// </summary>
internal sealed class LedgerWriter<T> : IAsyncDisposable where T : class
{
    private readonly List<Column> _columns;
    private readonly PgCopyRows? _copy;
    private readonly SqliteConnection? _sqlite;
    private readonly sqlite3_stmt? _insert;
    private readonly object? _cacheSize;
    private readonly CancellationToken _ct;

    public int Count { get; private set; }

    private LedgerWriter(List<Column> columns, PgCopyRows? copy, SqliteConnection? sqlite, sqlite3_stmt? insert, object? cacheSize,
        CancellationToken ct) => (_columns, _copy, _sqlite, _insert, _cacheSize, _ct) = (columns, copy, sqlite, insert, cacheSize, ct);

    public static async Task AppendAsync(AppDbContext db, IEnumerable<T> rows, CancellationToken ct)
    {
        await using var writer = await OpenAsync(db, ct);
        foreach (var row in rows) await writer.WriteAsync(row);
        await writer.CompleteAsync();
    }

    public static async Task<LedgerWriter<T>> OpenAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Ledger rows are appended inside the close's transaction.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never)
            .Select(p => Column.For(p, p.GetColumnName(table)!)).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);

        if (db.IsPostgres)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var copy = await PgCopyRows.BeginAsync(connection, $"COPY {tableName} ({names}) FROM STDIN (FORMAT BINARY)", columns.Count, ct);
            return new LedgerWriter<T>(columns, copy, null, null, null, ct);
        }

        // SQLite: one statement prepared on the connection (which is inside the transaction) and bound through SQLite's
        // own API — ADO.NET's parameter binding costs more than the insert itself at a million rows.
        var sqlite = (SqliteConnection)db.Database.GetDbConnection();
        var insert = $"INSERT INTO {tableName} ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})";
        Check(sqlite, raw.sqlite3_prepare_v2(sqlite.Handle, insert, out var statement));
        // SQLite's page cache is 2 MB by default: a million rows' indexes would be read back from the file page by page.
        var cacheSize = await PragmaAsync(sqlite, "cache_size", ct);
        await PragmaAsync(sqlite, $"cache_size = -{CacheKibibytes}", ct);
        return new LedgerWriter<T>(columns, null, sqlite, statement, cacheSize, ct);
    }

    public async ValueTask WriteAsync(T row)
    {
        _ct.ThrowIfCancellationRequested();
        if (_copy is not null)
        {
            _copy.StartRow();
            foreach (var column in _columns) column.Copy(_copy, row);
            await _copy.FlushWhenFullAsync(_ct);
        }
        else
        {
            for (var i = 0; i < _columns.Count; i++) _columns[i].Bind(_insert!, i + 1, row, first: Count == 0);
            var result = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (result != raw.SQLITE_DONE) Check(_sqlite!, result);
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
            _insert.Dispose();
            await PragmaAsync(_sqlite!, $"cache_size = {_cacheSize}", CancellationToken.None);
        }
    }

    /// <summary>
    /// Each value as Microsoft.Data.Sqlite would bind it (decimals as invariant text, booleans as 0/1). Texts are handed
    /// over as UTF-16 and SQLite converts them: binding a .NET string as UTF-8 made a new byte array for every value.
    /// Generic, so that a value is never boxed: the JIT keeps only the case of the column's own type.
    /// </summary>
    private static void Bind<TValue>(sqlite3_stmt statement, int index, TValue value)
    {
        var result = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text16(statement, index, s.AsSpan()),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            decimal d => BindDecimal(statement, index, d),
            _ => throw new NotSupportedException($"No SQLite binding for {typeof(TValue).Name}."),
        };
        if (result != raw.SQLITE_OK) throw new InvalidOperationException($"SQLite could not bind parameter {index}: error {result}.");
    }

    private static void Copy<TValue>(PgCopyRows rows, TValue value)
    {
        switch (value)
        {
            case null: rows.WriteNull(); break;
            case int i: rows.Write(i); break;
            case long l: rows.Write(l); break;
            case string s: rows.Write(s); break;
            case decimal d: rows.Write(d); break;
            case bool b: rows.Write(b); break;
            case DateTimeOffset t: rows.Write(t); break;
            default: throw new NotSupportedException($"No COPY writer for {typeof(TValue).Name}.");
        }
    }

    private static int BindDecimal(sqlite3_stmt statement, int index, decimal value)
    {
        Span<char> text = stackalloc char[64];
        if (!value.TryFormat(text, out var length, DecimalText, CultureInfo.InvariantCulture)) throw new InvalidOperationException($"Decimal {value} did not fit.");
        return raw.sqlite3_bind_text16(statement, index, text[..length]);
    }

    private const string DecimalText = "0.0###########################";

    private static void Check(SqliteConnection connection, int result)
    {
        if (result != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(result, connection.Handle);
    }

    /// <summary>256 MiB of page cache while a large batch is appended on SQLite (given back afterwards).</summary>
    private const long CacheKibibytes = 256 * 1024;

    private static async Task<object?> PragmaAsync(SqliteConnection connection, string pragma, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return await command.ExecuteScalarAsync(ct);
    }

    /// <summary>A column and how its value is read from a row: as the database stores it (the model's converter applied), typed.</summary>
    private abstract class Column(string name)
    {
        public string Name => name;

        public abstract void Copy(PgCopyRows rows, T row);

        /// <summary>
        /// SQLite keeps a statement's values after a reset: a column is bound again only when its value changed (a close's
        /// lines share their month, person, policy version, pot … with the line before).
        /// </summary>
        public abstract void Bind(sqlite3_stmt statement, int index, T row, bool first);

        /// <summary>The getter compiled once from the property and its value converter (enum to text, instant to ticks …).</summary>
        public static Column For(IProperty property, string name)
        {
            var row = Expression.Parameter(typeof(T), "row");
            Expression value = Expression.MakeMemberAccess(row, property.GetMemberInfo(forMaterialization: false, forSet: false));
            if (property.GetRelationalTypeMapping().Converter is { } converter)
            {
                Expression convert = converter.ModelClrType.IsEnum
                    ? Expression.Constant(typeof(Column).GetMethod(nameof(StoredEnum), BindingFlags.NonPublic | BindingFlags.Static)!
                        .MakeGenericMethod(converter.ModelClrType, converter.ProviderClrType).Invoke(null, [converter]))
                    : converter.ConvertToProviderExpression;
                var converted = Expression.Invoke(convert, Expression.Convert(value, converter.ModelClrType));
                if (value.Type.IsValueType && Nullable.GetUnderlyingType(value.Type) is null) value = converted;
                else
                {
                    // A converter sees only values: null stays null.
                    var stored = converter.ProviderClrType.IsValueType ? typeof(Nullable<>).MakeGenericType(converter.ProviderClrType) : converter.ProviderClrType;
                    value = Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(null, stored),
                        Expression.Convert(converted, stored));
                }
            }
            var getter = Expression.Lambda(typeof(Func<,>).MakeGenericType(typeof(T), value.Type), value, row).Compile();
            // A nullable value is handed on as its value or as null: through the generic writers it would be boxed.
            var column = Nullable.GetUnderlyingType(value.Type) is { } inner
                ? typeof(NullableColumn<>).MakeGenericType(typeof(T), inner)
                : typeof(Column<>).MakeGenericType(typeof(T), value.Type);
            return (Column)Activator.CreateInstance(column, getter, name)!;
        }

        /// <summary>An enum's stored form (its name) made once for each defined value: the converter boxes the value at every row.</summary>
        private static Func<TEnum, TStored> StoredEnum<TEnum, TStored>(ValueConverter converter) where TEnum : struct, Enum
        {
            var convert = (Func<TEnum, TStored>)converter.ConvertToProviderExpression.Compile();
            var stored = Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, convert);
            return value => stored.TryGetValue(value, out var text) ? text : convert(value);
        }
    }

    private sealed class Column<TValue>(Func<T, TValue> get, string name) : Column(name)
    {
        private TValue _bound = default!;

        public override void Copy(PgCopyRows rows, T row) => LedgerWriter<T>.Copy(rows, get(row));

        public override void Bind(sqlite3_stmt statement, int index, T row, bool first)
        {
            var value = get(row);
            if (!first && EqualityComparer<TValue>.Default.Equals(value, _bound)) return;
            LedgerWriter<T>.Bind(statement, index, value);
            _bound = value;
        }
    }

    private sealed class NullableColumn<TValue>(Func<T, TValue?> get, string name) : Column(name) where TValue : struct
    {
        private TValue? _bound;

        public override void Copy(PgCopyRows rows, T row)
        {
            if (get(row) is { } value) LedgerWriter<T>.Copy(rows, value);
            else rows.WriteNull();
        }

        public override void Bind(sqlite3_stmt statement, int index, T row, bool first)
        {
            var value = get(row);
            if (!first && Nullable.Equals(value, _bound)) return;
            if (value is { } present) LedgerWriter<T>.Bind(statement, index, present);
            else if (raw.sqlite3_bind_null(statement, index) != raw.SQLITE_OK) throw new InvalidOperationException($"SQLite could not bind parameter {index} to null.");
            _bound = value;
        }
    }
}
