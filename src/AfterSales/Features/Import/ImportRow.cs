using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AfterSales.Domain;

namespace AfterSales.Features.Import;

/// <summary>A problem found while reading a row, before it is put into words.</summary>
public sealed record RowProblem(int Row, string Column, string? Value, string Code, object[] Args);

/// <summary>
/// One data row while it is checked: typed access to its cells by column, and the problems found so far. Every
/// reader records a problem and returns null instead of throwing, so one pass lists all that is wrong with a row.
/// </summary>
public sealed partial class ImportRow(SheetRow row, HeaderMap headers)
{
    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd",
        "yyyy-M-d H:mm", "yyyy/M/d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss",
    ];

    public int Number => row.Number;

    public List<RowProblem> Problems { get; } = [];

    public bool IsValid => Problems.Count == 0;

    /// <summary>The cell as the person sees it (what the report shows), or null when it is empty or the column absent.</summary>
    public string? Value(ImportColumn column) =>
        headers.IndexOf(column) is { } index && row[index] is { } cell ? HeaderMap.CellText(cell) : null;

    public void Problem(ImportColumn column, string code, params object[] args) =>
        Problems.Add(new RowProblem(Number, headers.HeaderOf(column), Value(column), code, args));

    public void Problem(ImportColumn column, DomainException e) => Problem(column, e.Code, e.Arguments);

    /// <summary>The trimmed text, or null when empty; longer than the column allows is a problem.</summary>
    public string? Text(ImportColumn column)
    {
        var text = Value(column);
        if (text is not null && column.MaxLength is { } max && text.Length > max) Problem(column, "TextTooLong", max);
        return text;
    }

    public string? Required(ImportColumn column)
    {
        var text = Text(column);
        if (text is null) Problem(column, "Required");
        return text;
    }

    /// <summary>A date cell of Excel, or text such as 2026-03-01, 2026/3/1, 2026年3月1日.</summary>
    public DateOnly? Date(ImportColumn column)
    {
        var cell = Cell(column);
        switch (cell)
        {
            case null:
                return null;
            case DateTime t:
                return DateOnly.FromDateTime(t);
            case double serial when serial is >= 18264 and < 2958466:
                // An Excel date serial number whose cell lost its date format (from 1950 on: a bare 2026 is not a date).
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        }
        var text = Plain(HeaderMap.CellText(cell));
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            return DateOnly.FromDateTime(date);
        Problem(column, "InvalidDate", text);
        return null;
    }

    /// <summary>A whole number (2, 2.0, "２").</summary>
    public int? Integer(ImportColumn column)
    {
        var number = Decimal(column, maxDecimals: null, code: "InvalidNumber");
        if (number is null) return null;
        if (number != decimal.Truncate(number.Value) || number is > int.MaxValue or < int.MinValue)
        {
            Problem(column, "InvalidNumber", Value(column)!);
            return null;
        }
        return (int)number.Value;
    }

    /// <summary>An amount in yuan: 1280.5, "1,280.50", "¥1,280.50", "1280元"; at most two decimals.</summary>
    public decimal? Amount(ImportColumn column) => Decimal(column, maxDecimals: 2, code: "InvalidAmount");

    /// <summary>A coordinate such as 24.4798; thousands separators are not allowed here.</summary>
    public decimal? Coordinate(ImportColumn column) => Decimal(column, maxDecimals: null, code: "InvalidNumber", allowGrouping: false);

    private decimal? Decimal(ImportColumn column, int? maxDecimals, string code, bool allowGrouping = true)
    {
        var cell = Cell(column);
        decimal value;
        switch (cell)
        {
            case null:
                return null;
            case double d when !double.IsFinite(d) || Math.Abs(d) > 1e15:
                Problem(column, code, HeaderMap.CellText(cell));
                return null;
            case double d:
                // Excel stores 1280.5 as a double; 15 significant digits is what Excel itself shows.
                value = Convert.ToDecimal(d);
                break;
            default:
                var text = Plain(HeaderMap.CellText(cell));
                foreach (var noise in new[] { "¥", "元", "RMB", "CNY", " " }) text = text.Replace(noise, "", StringComparison.OrdinalIgnoreCase);
                var pattern = allowGrouping ? GroupedNumber() : PlainNumber();
                if (!pattern.IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
                        CultureInfo.InvariantCulture, out value))
                {
                    Problem(column, code, Value(column)!);
                    return null;
                }
                break;
        }
        if (maxDecimals is { } max && value != Math.Round(value, max))
        {
            Problem(column, code, Value(column)!);
            return null;
        }
        return value;
    }

    private object? Cell(ImportColumn column) => headers.IndexOf(column) is { } index ? row[index] : null;

    /// <summary>Full-width digits and punctuation (１２８０．５０，) as typed with a Chinese input method become ASCII.</summary>
    private static string Plain(string text) => text.Normalize(NormalizationForm.FormKC).Trim();

    [GeneratedRegex(@"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")]
    private static partial Regex GroupedNumber();

    [GeneratedRegex(@"^[+-]?\d+(\.\d+)?$")]
    private static partial Regex PlainNumber();
}
