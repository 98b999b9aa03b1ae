using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace AfterSales.Data;

/// <summary>
/// Rows for a PostgreSQL <c>COPY … FROM STDIN (FORMAT BINARY)</c>, encoded here and sent through Npgsql's raw copy
/// stream (the format: https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"; each value as the
/// type's send function makes it). Npgsql's own importer resolves a type and runs a parameter's writer for every
/// value: a million ledger lines of 17 columns cost a close about a second of the process's time, a fifth of it.
/// The server checks every value as it reads it (lengths, digits, the column's scale), so a wrong encoding fails the
/// COPY and the transaction rather than storing something else.
/// </summary>
internal sealed class PgCopyRows : IAsyncDisposable
{
    /// <summary>Sent to the server whenever this much is waiting.</summary>
    private const int FlushBytes = 64 * 1024;

    /// <summary>PostgreSQL's timestamps count microseconds from 2000-01-01 UTC.</summary>
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream _stream;
    private readonly short _columns;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushBytes * 2);
    private bool _completed;

    private PgCopyRows(NpgsqlRawCopyStream stream, short columns) => (_stream, _columns) = (stream, columns);

    public static async Task<PgCopyRows> BeginAsync(NpgsqlConnection connection, string copy, int columns, CancellationToken ct)
    {
        var rows = new PgCopyRows(await connection.BeginRawBinaryCopyAsync(copy, ct), checked((short)columns));
        // The signature, no flags, no header extension.
        rows.Bytes("PGCOPY\n"u8);
        rows.Bytes([0xFF, (byte)'\r', (byte)'\n', 0]);
        rows.Int32(0);
        rows.Int32(0);
        return rows;
    }

    public void StartRow() => Int16(_columns);

    public void WriteNull() => Int32(-1);

    public void Write(int value)
    {
        Int32(4);
        Int32(value);
    }

    public void Write(long value)
    {
        Int32(8);
        Int64(value);
    }

    public void Write(bool value)
    {
        Int32(1);
        Bytes([value ? (byte)1 : (byte)0]);
    }

    public void Write(string value)
    {
        var span = _buffer.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _buffer.Advance(4 + length);
    }

    /// <summary>timestamptz: the instant in microseconds from PostgreSQL's epoch.</summary>
    public void Write(DateTimeOffset value)
    {
        Int32(8);
        Int64((value.UtcTicks - EpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>
    /// numeric: how many base-10,000 digits, the power of 10,000 of the first, the sign, the number of decimal places
    /// shown, then the digits from the first. The decimal's places are padded to whole groups of four (12.5 is 12 and
    /// 5000 ten-thousandths); zero groups at the end are left out.
    /// </summary>
    public void Write(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var negative = bits[3] < 0;
        var scale = (bits[3] >> 16) & 0xFF;
        var magnitude = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var pad = (4 - scale % 4) % 4;
        for (var k = 0; k < pad; k++) magnitude *= 10;
        var fractionGroups = (scale + pad) / 4;

        Span<short> groups = stackalloc short[10]; // 96 bits and three padding digits: at most 32 digits, 8 groups
        var count = 0;
        for (; magnitude > 0; magnitude /= 10_000) groups[count++] = (short)(ushort)(magnitude % 10_000);
        var last = 0;
        while (last < count && groups[last] == 0) last++;
        var digits = count - last;

        Int32(8 + 2 * digits);
        Int16((short)digits);
        Int16((short)(digits == 0 ? 0 : count - 1 - fractionGroups));
        Int16(negative && digits > 0 ? (short)0x4000 : (short)0);
        Int16((short)scale);
        for (var k = count - 1; k >= last; k--) Int16(groups[k]);
    }

    public async ValueTask FlushWhenFullAsync(CancellationToken ct)
    {
        if (_buffer.WrittenCount >= FlushBytes) await FlushAsync(ct);
    }

    /// <summary>The end of the rows; the server has taken them (or refused them, with its error) when this returns.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        Int16(-1);
        await FlushAsync(ct);
        _completed = true;
        await _stream.DisposeAsync();
    }

    /// <summary>Rows not completed are cancelled: the server discards them and the COPY fails.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed) await _stream.CancelAsync();
        await _stream.DisposeAsync();
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        await _stream.WriteAsync(_buffer.WrittenMemory, ct);
        _buffer.ResetWrittenCount();
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    private void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }
}
