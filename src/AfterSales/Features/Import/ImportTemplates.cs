using CsvHelper;
using MiniExcelLibs;

namespace AfterSales.Features.Import;

/// <summary>
/// The downloadable templates: the Chinese column names and one example row. The example refers to the demo
/// company (region FJ, manager S007, technician S013), so a template imports as it is into a demo database.
/// Like the headers, the example is file content rather than UI text.
/// </summary>
public static class ImportTemplates
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    private static readonly Dictionary<ImportKind, string[]> Examples = new()
    {
        [ImportKind.Staff] = ["S901", "张三", "13800138000", "售后人员", "FJ", "S007", "2", "2026-03-01", "6500"],
        [ImportKind.Customers] =
        [
            "C9001", "陈先生", "13800138001", "FJ", "S013", "万达店", "新房装修，周末上门", "住宅", "厦门", "厦门市思明区湖滨南路100号",
            "24.4798", "118.0894", "陈先生", "13800138001", "业主",
        ],
        [ImportKind.Products] = ["TL-ZNMT-02", "智能马桶 Z2", "卫浴", "", "Z2", "即热式，带自动冲洗", "1280.50"],
    };

    public static byte[] Xlsx(ImportKind kind)
    {
        var columns = ImportColumns.For(kind);
        var example = Examples[kind];
        // Text cells throughout: Excel must not turn a mobile number into 1.38E+10 or a code into a date.
        var row = new Dictionary<string, object?>();
        for (var i = 0; i < columns.Count; i++) row[columns[i].Chinese] = example[i];
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new[] { row }, sheetName: SheetName(kind));
        return stream.ToArray();
    }

    /// <summary>UTF-8 with a byte order mark, which is what makes Excel show the Chinese correctly when it opens a CSV.</summary>
    public static byte[] Csv(ImportKind kind)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n" }, leaveOpen: true))
        {
            writer.WriteRecord(ImportColumns.For(kind).Select(c => c.Chinese).ToArray());
            writer.WriteRecord(Examples[kind]);
        }
        return stream.ToArray();
    }

    private static string SheetName(ImportKind kind) => kind.ToString();
}
