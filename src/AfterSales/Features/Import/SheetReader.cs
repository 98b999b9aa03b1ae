using System.Text;
using AfterSales.Domain;
using CsvHelper;
using MiniExcelLibs;

namespace AfterSales.Features.Import;

/// <summary>One non-blank row of a sheet, numbered as Excel shows it (the first row of the sheet is 1).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<object?> Cells)
{
    public object? this[int index] => index < Cells.Count ? Cells[index] : null;
}

/// <summary>A worksheet of an .xlsx file, or the one table of a .csv file. Blank rows are left out; numbers keep counting them.</summary>
public sealed record Sheet(string Name, IReadOnlyList<SheetRow> Rows);

/// <summary>
/// Reads an uploaded table: .xlsx (every worksheet) or .csv. A CSV may be UTF-8 with or without a byte order mark,
/// UTF-16 with one, or GB18030/GBK as Excel on a Chinese Windows saves "CSV": bytes that are valid UTF-8 are read
/// as UTF-8, anything else as GB18030 (a superset of GBK and GB2312). The separator (, ; tab |) is detected.
/// </summary>
public static class SheetReader
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Non-blank rows read from one sheet at most; more than the import limit, so "too many rows" can be told.</summary>
    public const int MaxRowsPerSheet = ImportLimits.MaxRows + 100;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static IReadOnlyList<Sheet> Read(string? fileName, byte[] content)
    {
        if (content.Length == 0) throw new DomainException("FileEmpty") { Field = "File" };
        if (content.Length > MaxFileBytes) throw new DomainException("FileTooLarge", MaxFileBytes / 1024 / 1024) { Field = "File" };
        if (IsZip(content)) return ReadXlsx(content);
        if (IsOldExcel(content)) throw new DomainException("ImportOldExcel") { Field = "File" };
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is ".xlsx" or ".xls" or ".xlsm") throw new DomainException("ImportUnreadableFile") { Field = "File" };
        return [ReadCsv(DecodeText(content))];
    }

    /// <summary>The text of a CSV file, whatever of the encodings above it was saved in.</summary>
    public static string DecodeText(byte[] content)
    {
        if (content is [0xEF, 0xBB, 0xBF, ..]) return StrictOrThrow(content.AsSpan(3));
        if (content is [0xFF, 0xFE, ..]) return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        if (content is [0xFE, 0xFF, ..]) return Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
        if (Array.IndexOf(content, (byte)0, 0, Math.Min(content.Length, 4096)) >= 0)
            throw new DomainException("ImportUnreadableFile") { Field = "File" };
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(content);
        }
    }

    private static string StrictOrThrow(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            // A UTF-8 byte order mark in front of other bytes: the file is damaged, not merely in another encoding.
            throw new DomainException("ImportUnreadableFile") { Field = "File" };
        }
    }

    private static bool IsZip(byte[] content) => content is [0x50, 0x4B, 0x03, 0x04, ..];

    private static bool IsOldExcel(byte[] content) => content is [0xD0, 0xCF, 0x11, 0xE0, ..];

    private static Sheet ReadCsv(string text)
    {
        var options = new CsvReaderOptions { HasHeader = false, SkipEmptyLines = false };
        var rows = new List<SheetRow>();
        try
        {
            using var reader = CsvReader.Create(new StringReader(text), options);
            while (reader.Read() && rows.Count < MaxRowsPerSheet)
            {
                var cells = new object?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = Clean(reader.GetString(i));
                var row = new SheetRow(checked((int)reader.RowNumber), cells);
                if (!IsBlank(row)) rows.Add(row);
            }
        }
        catch (CsvFormatException)
        {
            throw new DomainException("ImportUnreadableFile") { Field = "File" };
        }
        return new Sheet("CSV", rows);
    }

    private static List<Sheet> ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            var sheets = new List<Sheet>();
            foreach (var name in MiniExcel.GetSheetNames(stream))
            {
                stream.Position = 0;
                var rows = new List<SheetRow>();
                var number = 0;
                foreach (IDictionary<string, object?> values in MiniExcel.Query(stream, useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX))
                {
                    number++;
                    var cells = new object?[values.Count == 0 ? 0 : values.Keys.Max(ColumnIndex) + 1];
                    foreach (var (key, value) in values) cells[ColumnIndex(key)] = Clean(value);
                    var row = new SheetRow(number, cells);
                    if (!IsBlank(row)) rows.Add(row);
                    if (rows.Count >= MaxRowsPerSheet) break;
                }
                sheets.Add(new Sheet(name, rows));
                stream.Position = 0;
            }
            return sheets;
        }
        catch (Exception e) when (e is not DomainException and not OperationCanceledException and not OutOfMemoryException)
        {
            // A damaged or foreign zip: MiniExcel's own exception would only confuse the person who uploaded it.
            throw new DomainException("ImportUnreadableFile") { Field = "File" };
        }
    }

    /// <summary>"A" → 0, "B" → 1 … "AA" → 26.</summary>
    internal static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    private static object? Clean(object? value) => value switch
    {
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s => s.Trim(),
        _ => value,
    };

    private static bool IsBlank(SheetRow row) => row.Cells.All(c => c is null);
}

public static class ImportLimits
{
    /// <summary>Data rows in one file. Larger lists are split: each import is one transaction, held while it writes.</summary>
    public const int MaxRows = 10_000;
}
