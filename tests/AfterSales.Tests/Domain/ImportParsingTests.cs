using System.Text;
using AfterSales.Domain;
using AfterSales.Domain.Customers;
using AfterSales.Domain.People;
using AfterSales.Features.Import;
using MiniExcelLibs;

namespace AfterSales.Tests.Domain;

/// <summary>Reading files without a database: encodings, row numbers, headers and cell formats.</summary>
public sealed class ImportParsingTests
{
    private const string StaffCsv = "工号,姓名,手机,角色,区域,入职日期\r\nS1,张三丰,13800138000,售后人员,FJ,2026-03-01\r\n";

    [Fact]
    public void Csv_text_is_the_same_in_utf8_with_and_without_bom_in_utf16_and_in_gb18030()
    {
        var utf8 = Encoding.UTF8.GetBytes(StaffCsv);
        var withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(utf8).ToArray();
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(StaffCsv)).ToArray();
        var gb = SheetReader.Gb18030.GetBytes(StaffCsv);
        Assert.NotEqual(utf8, gb);

        Assert.Equal(StaffCsv, SheetReader.DecodeText(utf8));
        Assert.Equal(StaffCsv, SheetReader.DecodeText(withBom));
        Assert.Equal(StaffCsv, SheetReader.DecodeText(utf16));
        Assert.Equal(StaffCsv, SheetReader.DecodeText(gb));
    }

    [Fact]
    public void Csv_rows_keep_excel_numbering_across_blank_lines_and_quoted_line_breaks()
    {
        var text = "工号;姓名\r\nS1;\"张\n三\"\r\n\r\nS3;李四\r\n";
        var sheet = Assert.Single(SheetReader.Read("staff.csv", Encoding.UTF8.GetBytes(text)));
        Assert.Equal([1, 2, 4], sheet.Rows.Select(r => r.Number));
        Assert.Equal("张\n三", sheet.Rows[1][1]);
        Assert.Equal("李四", sheet.Rows[2][1]);
    }

    [Fact]
    public void Xlsx_header_below_a_title_row_is_found_and_rows_keep_their_numbers()
    {
        var content = Xlsx(
            ["员工导入", null, null],
            ["工号*", "姓名", "序号"],
            ["S1", "张三", 1d],
            [null, null, null],
            ["S2", "李四", 2d]);
        var headers = HeaderMap.Find(SheetReader.Read("x.xlsx", content), ImportColumns.Staff.All)!;
        Assert.Equal(2, headers.HeaderRow.Number);
        Assert.Equal([3, 5], headers.DataRows.Select(r => r.Number));
        Assert.Equal("工号*", headers.HeaderOf(ImportColumns.Staff.StaffNumber));
        Assert.Equal(["序号"], headers.IgnoredColumns);
        // Required columns that are absent are named in the header problems, in Chinese.
        Assert.Contains(headers.Problems, p => p.Code == "ImportMissingColumn" && p.Column == "手机");
    }

    [Fact]
    public void Headers_match_in_chinese_english_and_aliases_and_a_repeated_column_is_a_problem()
    {
        var sheet = new Sheet("s", [new SheetRow(1, ["Staff Number", "NAME", "手机号码", "角色", "入职日期", "工号"])]);
        var headers = HeaderMap.Find([sheet], ImportColumns.Staff.All)!;
        Assert.Equal(0, headers.IndexOf(ImportColumns.Staff.StaffNumber));
        Assert.Equal(1, headers.IndexOf(ImportColumns.Staff.Name));
        Assert.Equal(2, headers.IndexOf(ImportColumns.Staff.Phone));
        var duplicate = Assert.Single(headers.Problems);
        Assert.Equal(("工号", "ImportDuplicateColumn"), (duplicate.Column, duplicate.Code));
    }

    [Fact]
    public void No_header_row_means_no_map()
    {
        var sheet = new Sheet("s", [new SheetRow(1, ["a", "b"]), new SheetRow(2, ["1", "2"])]);
        Assert.Null(HeaderMap.Find([sheet], ImportColumns.Products.All));
    }

    [Theory]
    [InlineData("1,280.50")]
    [InlineData("1280.5")]
    [InlineData("¥1,280.50")]
    [InlineData("1280.50元")]
    [InlineData("１２８０．５")]
    public void Amounts_are_read_as_yuan(string text) => Assert.Equal(1280.5m, ProductRow(text).Amount(ImportColumns.Products.Price));

    [Fact]
    public void An_excel_number_cell_is_an_amount_too() => Assert.Equal(1280.5m, ProductRow(1280.5d).Amount(ImportColumns.Products.Price));

    [Theory]
    [InlineData("12,80")]
    [InlineData("1.280,50")]
    [InlineData("1280.555")]
    [InlineData("abc")]
    public void Malformed_amounts_are_a_problem_on_the_price_column(string text)
    {
        var row = ProductRow(text);
        Assert.Null(row.Amount(ImportColumns.Products.Price));
        var problem = Assert.Single(row.Problems);
        Assert.Equal(("价格", text, "InvalidAmount"), (problem.Column, problem.Value, problem.Code));
    }

    [Theory]
    [InlineData("2026-03-01")]
    [InlineData("2026/3/1")]
    [InlineData("2026年3月1日")]
    [InlineData("20260301")]
    [InlineData("2026/3/1 0:00")]
    public void Dates_are_read_in_the_ways_chinese_excel_writes_them(string text) =>
        Assert.Equal(new DateOnly(2026, 3, 1), StaffRow(text).Date(ImportColumns.Staff.HireDate));

    [Fact]
    public void Date_cells_and_date_serial_numbers_are_dates()
    {
        Assert.Equal(new DateOnly(2026, 3, 1), StaffRow(new DateTime(2026, 3, 1)).Date(ImportColumns.Staff.HireDate));
        Assert.Equal(new DateOnly(2026, 3, 1), StaffRow(new DateTime(2026, 3, 1).ToOADate()).Date(ImportColumns.Staff.HireDate));
        foreach (var bad in new[] { StaffRow("3/1/26"), StaffRow(2026d) })
        {
            Assert.Null(bad.Date(ImportColumns.Staff.HireDate));
            Assert.Equal("InvalidDate", Assert.Single(bad.Problems).Code);
        }
    }

    [Fact]
    public void A_phone_number_stored_as_an_excel_number_reads_without_exponent()
    {
        var headers = HeaderMap.Find([new Sheet("s", [new SheetRow(1, ["工号", "手机"])])], ImportColumns.Staff.All)!;
        var row = new ImportRow(new SheetRow(2, ["S1", 13800138000d]), headers);
        Assert.Equal("13800138000", row.Text(ImportColumns.Staff.Phone));
    }

    [Fact]
    public void Text_longer_than_the_column_allows_is_a_problem()
    {
        var headers = HeaderMap.Find([new Sheet("s", [new SheetRow(1, ["工号", "姓名"])])], ImportColumns.Staff.All)!;
        var row = new ImportRow(new SheetRow(2, [new string('S', 21), "张三"]), headers);
        row.Text(ImportColumns.Staff.StaffNumber);
        Assert.Equal("TextTooLong", Assert.Single(row.Problems).Code);
    }

    [Theory]
    [InlineData("售后人员", StaffRole.Technician)]
    [InlineData("技师", StaffRole.Technician)]
    [InlineData("售后经理", StaffRole.RegionalManager)]
    [InlineData("副经理", StaffRole.DeputyManager)]
    [InlineData("督导部", StaffRole.SupervisionDepartment)]
    [InlineData("总经理", StaffRole.GeneralManager)]
    [InlineData("财务", StaffRole.Finance)]
    [InlineData("部门主管", StaffRole.Supervisor)]
    [InlineData("店面", StaffRole.Store)]
    [InlineData("技术支持", StaffRole.TechnicalSupport)]
    [InlineData("系统管理员", StaffRole.Administrator)]
    [InlineData("regionalmanager", StaffRole.RegionalManager)]
    [InlineData("Technician", StaffRole.Technician)]
    public void Roles_are_read_by_chinese_or_enum_name(string text, StaffRole role) => Assert.Equal(role, ImportVocabulary.ParseRole(text));

    [Fact]
    public void Unknown_roles_and_trades_are_not_guessed()
    {
        Assert.Null(ImportVocabulary.ParseRole("厨师"));
        Assert.Equal(Trade.Plumber, ImportVocabulary.ParseTrade("水电工"));
        Assert.Equal(Trade.SiteSupervisor, ImportVocabulary.ParseTrade("SiteSupervisor"));
        Assert.Null(ImportVocabulary.ParseTrade("厨师"));
    }

    [Fact]
    public void Old_xls_and_damaged_xlsx_files_are_refused_with_a_clear_code()
    {
        var xls = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 };
        Assert.Equal("ImportOldExcel", Assert.Throws<DomainException>(() => SheetReader.Read("a.xls", xls)).Code);
        var damaged = new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5 };
        Assert.Equal("ImportUnreadableFile", Assert.Throws<DomainException>(() => SheetReader.Read("a.xlsx", damaged)).Code);
        Assert.Equal("FileEmpty", Assert.Throws<DomainException>(() => SheetReader.Read("a.csv", [])).Code);
    }

    [Fact]
    public void Templates_read_back_with_every_column_recognised()
    {
        foreach (var kind in ImportNames.Kinds)
        {
            foreach (var content in new[] { ImportTemplates.Xlsx(kind), ImportTemplates.Csv(kind) })
            {
                var headers = HeaderMap.Find(SheetReader.Read(null, content), ImportColumns.For(kind))!;
                Assert.Empty(headers.Problems);
                Assert.Empty(headers.IgnoredColumns);
                Assert.All(ImportColumns.For(kind), c => Assert.True(headers.Has(c), $"{kind}: {c.Chinese}"));
                Assert.Single(headers.DataRows);
            }
        }
    }

    internal static byte[] Xlsx(params object?[][] rows)
    {
        // MiniExcel writes a header from the keys; the test's first row becomes that header.
        var header = rows[0].Select((h, i) => h?.ToString() ?? $"_{i}").ToArray();
        var data = rows.Skip(1).Select(r =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < header.Length; i++) row[header[i]] = i < r.Length ? r[i] : null;
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, data);
        return stream.ToArray();
    }

    private static ImportRow ProductRow(object price)
    {
        var headers = HeaderMap.Find([new Sheet("s", [new SheetRow(1, ["产品编码", "价格"])])], ImportColumns.Products.All)!;
        return new ImportRow(new SheetRow(2, ["P1", price]), headers);
    }

    private static ImportRow StaffRow(object hired)
    {
        var headers = HeaderMap.Find([new Sheet("s", [new SheetRow(1, ["工号", "入职日期"])])], ImportColumns.Staff.All)!;
        return new ImportRow(new SheetRow(2, ["S1", hired]), headers);
    }
}
