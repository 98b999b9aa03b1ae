using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AfterSales.Data;

/// <summary>
/// SQLite in write-ahead-log mode: pages stay readable while a long write (a month close appending a million ledger
/// lines) is under way, and a commit appends to the log instead of rewriting the file twice. <c>synchronous=NORMAL</c>
/// is SQLite's recommended setting with WAL: a crash of the app loses nothing committed, and a power cut can lose only
/// the last commits, never corrupt the file. The journal mode is stored in the file; the rest is per connection.
/// </summary>
internal sealed class SqliteJournal : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
