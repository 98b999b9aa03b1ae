using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AfterSales.Domain.Reports;
using AfterSales.Features.Reports;
using AfterSales.Tests.Support;

namespace AfterSales.Tests.Domain;

/// <summary>
/// RPT-1: the daily SMS work report as technicians really type it. A corpus of messages with their expected
/// entries, property tests over generated messages (never throws, never loses text, clean reports read back
/// exactly), and the <c>sms parse</c> verb.
/// </summary>
public sealed class DailyReportParserTests
{
    private static readonly DailyReportParser Parser = new(["卷压设备", "垂直设备", "智能马桶", "淋浴房", "列车空调", "空调"]);

    /// <summary>An expected entry: <c>label|subject|place|equipment|phone|phoneDigits|work</c>, <c>~</c> for null.</summary>
    public sealed record Case(string Name, string Text, string[] Entries, string[]? Problems = null, string? Date = null, string? Signature = null)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Corpus =
    [
        new("RPT-1 example", "A漳州民主路卷压设备,1383838***,更换油管,B漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("visit kind with parentheses and 、", "A漳州浦东卷压设备,1373737***,定检(培训)、维护",
            ["A|漳州浦东卷压设备|漳州浦东|卷压设备|1373737***|1373737***|定检(培训)、维护"]),
        new("full-width parentheses", "A漳州浦东卷压设备，1373737***，定检（培训）、维护",
            ["A|漳州浦东卷压设备|漳州浦东|卷压设备|1373737***|1373737***|定检（培训）、维护"]),
        new("seed text with its trailing 。", "A漳州民主路卷压设备更换卷压设备,1383838***,更换油管,B漳州龙文花园垂直设备,1393939***,更换油缸。",
            ["A|漳州民主路卷压设备更换卷压设备|漳州民主路卷压设备更换|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("seed text wrapped inside a subject", "A漳州民主路卷压设备,1383838***,更换油管,B漳州龙文\n花园垂直设备,1393939***,更换油缸。",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("full-width commas", "A漳州民主路卷压设备，1383838***，更换油管，B漳州龙文花园垂直设备，1393939***，更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("mixed commas", "A漳州民主路卷压设备,1383838***，更换油管，B漳州龙文花园垂直设备，1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("line breaks between entries", "A漳州民主路卷压设备,1383838***,更换油管\nB漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("CRLF and blank lines", "A漳州民主路卷压设备,1383838***,更换油管\r\n\r\nB漳州龙文花园垂直设备,1393939***,更换油缸\r\n",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("lower-case labels", "a漳州民主路卷压设备,1383838***,更换油管,b漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("label followed by 、", "A、漳州民主路卷压设备,1383838***,更换油管\nB、漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("label followed by a dot", "A.漳州民主路卷压设备,1383838***,更换油管\nb.漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("label followed by colons", "A:漳州民主路卷压设备,1383838***,更换油管,B：漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("label followed by full-width dot and a space", "A． 漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"]),
        new("label, space, text", "A 漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"]),
        new("full mobile number", "A厦门湖里智能马桶,13838381234,维修冲水阀",
            ["A|厦门湖里智能马桶|厦门湖里|智能马桶|13838381234|13838381234|维修冲水阀"]),
        new("spaced mobile number", "A厦门湖里智能马桶,138 3838 1234,维修冲水阀",
            ["A|厦门湖里智能马桶|厦门湖里|智能马桶|138 3838 1234|13838381234|维修冲水阀"]),
        new("dashed mobile number", "A厦门湖里智能马桶，138-3838-1234，维修冲水阀",
            ["A|厦门湖里智能马桶|厦门湖里|智能马桶|138-3838-1234|13838381234|维修冲水阀"]),
        new("+86 mobile number", "A厦门湖里智能马桶,+86 138 3838 1234,维修冲水阀",
            ["A|厦门湖里智能马桶|厦门湖里|智能马桶|+86 138 3838 1234|13838381234|维修冲水阀"]),
        new("+86 without space", "A厦门湖里智能马桶,+8613838381234,维修冲水阀",
            ["A|厦门湖里智能马桶|厦门湖里|智能马桶|+8613838381234|13838381234|维修冲水阀"]),
        new("middle-masked mobile", "A厦门湖里智能马桶,138****1234,维修冲水阀",
            ["A|厦门湖里智能马桶|厦门湖里|智能马桶|138****1234|138****1234|维修冲水阀"]),
        new("full-width digits and stars", "A厦门湖里智能马桶，１３８３８３８＊＊＊，维修冲水阀",
            ["A|厦门湖里智能马桶|厦门湖里|智能马桶|１３８３８３８＊＊＊|1383838***|维修冲水阀"]),
        new("landline with dashed area code", "A泉州丰泽淋浴房,0595-2345678,安装",
            ["A|泉州丰泽淋浴房|泉州丰泽|淋浴房|0595-2345678|05952345678|安装"]),
        new("landline with area code in parentheses", "A泉州丰泽淋浴房,(0595)2345678,安装",
            ["A|泉州丰泽淋浴房|泉州丰泽|淋浴房|(0595)2345678|05952345678|安装"]),
        new("landline with full-width parentheses and 8 digits", "A广州天河淋浴房，（020）87654321，安装",
            ["A|广州天河淋浴房|广州天河|淋浴房|（020）87654321|02087654321|安装"]),
        new("date before, Chinese", "11月27日\nA漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Date: "11-27"),
        new("date before, ISO, same line", "2026-11-27 A漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Date: "2026-11-27"),
        new("date before, dotted, with comma", "11.27，A漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Date: "11-27"),
        new("date and heading", "11月27日工作日报：\nA漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Date: "11-27"),
        new("year in Chinese, glued to the label", "2026年11月27日A漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Date: "2026-11-27"),
        new("preface ending in a colon", "今天工作如下：A漳州民主路卷压设备,1383838***,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"]),
        new("signature on its own line", "A漳州民主路卷压设备,1383838***,更换油管\n张伟",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Signature: "张伟"),
        new("signature after a dash", "A漳州民主路卷压设备,1383838***,更换油管。——张伟",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Signature: "张伟"),
        new("signature with 售后", "A漳州民主路卷压设备,1383838***,更换油管 售后张伟",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Signature: "张伟"),
        new("signature with 售后 after a comma", "A漳州民主路卷压设备,1383838***,更换油管，售后欧阳明华。",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], Signature: "欧阳明华"),
        new("date, signature, trailing ；", "11月27日 A漳州民主路卷压设备,1383838***,更换油管；B漳州龙文花园垂直设备,1393939***,更换油缸；\n——李强",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"],
            Date: "11-27", Signature: "李强"),
        new("trailing dot", "A漳州民主路卷压设备,1383838***,更换油管.",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"]),
        new("a B inside the work that is not a label", "A漳州民主路卷压设备,1383838***,B栋更换油管,B漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|B栋更换油管", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"]),
        new("ASCII letters inside subject and work", "A厦门LED灯厂列车空调,13912345678,更换PCB板,B厦门C区淋浴房,13912345679,检修",
            ["A|厦门LED灯厂列车空调|厦门LED灯厂|列车空调|13912345678|13912345678|更换PCB板", "B|厦门C区淋浴房|厦门C区|淋浴房|13912345679|13912345679|检修"]),
        new("longest known kind wins", "A福州站列车空调,13912345678,清洗滤网",
            ["A|福州站列车空调|福州站|列车空调|13912345678|13912345678|清洗滤网"]),
        new("unknown equipment kind", "A福州仓山电动门,13912345678,调试",
            ["A|福州仓山电动门|~|~|13912345678|13912345678|调试"]),
        new("subject is only a kind", "A卷压设备,13912345678,调试",
            ["A|卷压设备|~|卷压设备|13912345678|13912345678|调试"]),
        new("work with commas", "A漳州民主路卷压设备,1383838***,更换油管,调试正常",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管,调试正常"]),
        new("work that wraps onto a second line", "A漳州民主路卷压设备,1383838***,更换油管\n和密封圈",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管和密封圈"]),
        new("phone separated by spaces, no commas", "A漳州民主路卷压设备 1383838*** 更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"]),
        new("three entries, emoji in the work", "A漳州民主路卷压设备,1383838***,更换油管👍\nB漳州龙文花园垂直设备,1393939***,更换油缸\nC厦门湖里智能马桶,13838381234,维修",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管👍", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸",
             "C|厦门湖里智能马桶|厦门湖里|智能马桶|13838381234|13838381234|维修"]),
        new("missing phone", "A漳州民主路卷压设备,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|~|~|更换油管"], ["MissingPhone"]),
        new("missing label", "漳州民主路卷压设备,1383838***,更换油管",
            ["~|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管"], ["MissingLabel"]),
        new("missing label on the second line", "A漳州民主路卷压设备,1383838***,更换油管\n漳州龙文花园垂直设备,1393939***,更换油缸\nC厦门湖里智能马桶,13838381234,维修",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "~|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸",
             "C|厦门湖里智能马桶|厦门湖里|智能马桶|13838381234|13838381234|维修"], ["MissingLabel"]),
        new("empty work", "A漳州民主路卷压设备,1383838***,\nB漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|", "B|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"], ["EmptyWork"]),
        new("missing subject", "A：1383838***,更换油管",
            ["A||~|~|1383838***|1383838***|更换油管"], ["MissingSubject"]),
        new("empty entry", "A漳州民主路卷压设备,1383838***,更换油管\nB：\nC厦门湖里智能马桶,13838381234,维修",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "B||~|~|~|~|", "C|厦门湖里智能马桶|厦门湖里|智能马桶|13838381234|13838381234|维修"],
            ["EmptyEntry"]),
        new("duplicate label", "A漳州民主路卷压设备,1383838***,更换油管\nA漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "A|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"], ["DuplicateLabel"]),
        new("labels out of order", "B漳州民主路卷压设备,1383838***,更换油管\nA漳州龙文花园垂直设备,1393939***,更换油缸",
            ["B|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "A|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"],
            ["LabelOutOfOrder", "LabelOutOfOrder"]),
        new("a skipped letter", "A漳州民主路卷压设备,1383838***,更换油管,C漳州龙文花园垂直设备,1393939***,更换油缸",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|1383838***|1383838***|更换油管", "C|漳州龙文花园垂直设备|漳州龙文花园|垂直设备|1393939***|1393939***|更换油缸"], ["LabelOutOfOrder"]),
        new("not a report", "今天休息", [], ["NoEntries", "UnknownFormat"]),
        new("empty message", "", [], ["NoEntries"]),
        new("only a signature", "  \n——张伟", [], ["NoEntries"], Signature: "张伟"),
        new("too short a number is no phone", "A漳州民主路卷压设备,138383,更换油管",
            ["A|漳州民主路卷压设备|漳州民主路|卷压设备|~|~|138383,更换油管"], ["MissingPhone"]),
    ];

    public static TheoryData<Case> Cases()
    {
        var data = new TheoryData<Case>();
        foreach (var c in Corpus) data.Add(c);
        return data;
    }

    [Fact]
    public void The_corpus_covers_at_least_forty_messages() => Assert.True(Corpus.Length >= 40, $"{Corpus.Length} messages");

    [Theory, MemberData(nameof(Cases))]
    public void RPT1_messages_as_technicians_type_them_parse_into_their_entries(Case c)
    {
        var report = Parser.Parse(c.Text);

        Assert.Equal(c.Entries, report.Entries.Select(Describe).ToArray());
        Assert.Equal(c.Problems ?? [], report.Problems.Select(p => p.Code.ToString()).ToArray());
        Assert.Equal(c.Date, report.Date is { } d ? (d.Year is { } y ? $"{y:D4}-" : "") + $"{d.Month:D2}-{d.Day:D2}" : null);
        Assert.Equal(c.Signature, report.Signature);
        AssertNothingLost(c.Text, report);
    }

    [Fact]
    public void Problems_carry_their_position_and_a_message_in_Chinese_and_English()
    {
        var text = "11月27日\nA漳州民主路卷压设备,1383838***,更换油管\n漳州龙文花园垂直设备,更换油缸\nB漳州民主路卷压设备,1383838***,";
        var report = Parser.Parse(text);

        Assert.Equal(["MissingLabel", "MissingPhone", "EmptyWork"], report.Problems.Select(p => p.Code.ToString()));
        var missingLabel = report.Problems[0];
        Assert.Equal(text.IndexOf("漳州龙文", StringComparison.Ordinal), missingLabel.Span.Start);
        Assert.Equal((3, 1), (missingLabel.Line, missingLabel.Column));
        Assert.Equal("漳州龙文花园垂直设备,更换油缸", missingLabel.Excerpt);
        Assert.Equal("第 2 条前面缺少字母编号（A、B、C…）。", ReportsText.Message(missingLabel));
        Assert.Equal("Entry 2 has no letter (A, B, C …) in front of it.", ReportsText.Message(missingLabel, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("条目 2 缺少联系人电话。", ReportsText.Message(report.Problems[1]));
        Assert.Equal("条目 B 缺少工作内容。", ReportsText.Message(report.Problems[2]));
        Assert.Equal((4, 1), (report.Problems[2].Line, report.Problems[2].Column));
        // The entry without a letter stands where B belonged, so calling the next one B is not reported as out of order.
        Assert.DoesNotContain(report.Problems, p => p.Code == ReportProblemCode.LabelOutOfOrder);
    }

    [Fact]
    public void Columns_count_characters_not_UTF16_units()
    {
        var text = "A漳州😀卷压设备,1383838***,更换油管,A漳州,1383838***,更换";
        var duplicate = Assert.Single(Parser.Parse(text).Problems);
        Assert.Equal(ReportProblemCode.DuplicateLabel, duplicate.Code);
        Assert.Equal(26, duplicate.Span.Start);
        Assert.Equal((1, 26), (duplicate.Line, duplicate.Column));
    }

    [Fact]
    public void The_catalog_decides_what_is_equipment()
    {
        var withoutCatalog = new DailyReportParser([]).Parse("A漳州民主路卷压设备,1383838***,更换油管");
        Assert.Null(withoutCatalog.Entries[0].Equipment);
        Assert.Null(withoutCatalog.Entries[0].Place);
        Assert.Equal("漳州民主路卷压设备", withoutCatalog.Entries[0].Subject);

        var custom = new DailyReportParser(["设备", "卷压设备", " ", ""]).Parse("A漳州民主路卷压设备,1383838***,更换油管");
        Assert.Equal(("漳州民主路", "卷压设备"), (custom.Entries[0].Place, custom.Entries[0].Equipment));
    }

    [Fact]
    public void Hostile_input_never_throws()
    {
        string[] inputs =
        [
            null!, "", " ", "\n\n\n", "A", "a", "A、", "A.", ",", "，，，，", "\0\u0001\u0002", "\uD800", "\uDC00A漳州", "A\uD800,1383838***,x",
            "+86", "(0596", "（", "0086", "***********", "1月", "2026-", "2026-13-40 A漳州,1383838***,x", "——", "售后", new string('A', 5000),
            string.Concat(Enumerable.Repeat("A漳州民主路卷压设备,1383838***,更换油管,", 20000)),
            string.Concat(Enumerable.Repeat("1", 200000)), string.Concat(Enumerable.Repeat("\n", 100000)), string.Concat(Enumerable.Repeat("Z、", 50000)),
        ];
        foreach (var input in inputs)
        {
            var report = Parser.ParseCore(input ?? "");
            Assert.NotNull(Parser.Parse(input));
            AssertNothingLost(input ?? "", report);
        }
    }

    [Fact]
    public void A_long_message_is_parsed_in_linear_time()
    {
        var text = string.Concat(Enumerable.Repeat("A漳州民主路卷压设备,1383838***,更换油管\n", 20000));
        var watch = Stopwatch.StartNew();
        var report = Parser.Parse(text);
        watch.Stop();
        Assert.Equal(20000, report.Entries.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{watch.Elapsed}");
    }

    // ---- properties over generated messages ----

    private const int GeneratedCases = 100_000;

    /// <summary>
    /// Half of the cases are clean reports rendered in a random style (they must read back exactly), half are
    /// reports cut, spliced and sprinkled with hostile characters (they must not throw, nor lose text).
    /// </summary>
    [Fact]
    public void Property_generated_messages_never_throw_never_lose_text_and_clean_ones_read_back_exactly()
    {
        var random = new Random(20261127);
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < GeneratedCases; n++)
        {
            var clean = n % 2 == 0;
            var (text, expected) = Generator.Report(random);
            if (!clean) text = Generator.Mangle(random, text);
            ParsedReport report;
            try
            {
                report = Parser.ParseCore(text);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {n} threw {e.GetType().Name}: {e.Message}\n{JsonSerializer.Serialize(text)}");
                return;
            }
            AssertNothingLost(text, report, n);
            if (clean)
            {
                var actual = report.Entries.Select(Describe).ToArray();
                Assert.True(expected.SequenceEqual(actual) && report.IsWellFormed,
                    $"case {n}: {JsonSerializer.Serialize(text)}\nexpected {string.Join(" / ", expected)}\nactual   {string.Join(" / ", actual)}\n" +
                    string.Join(", ", report.Problems.Select(p => p.Code)));
            }
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{GeneratedCases} cases took {watch.Elapsed}");
    }

    /// <summary>Characters a report may drop: whitespace, separators and the punctuation around labels and fields.</summary>
    private const string Droppable = ",，;；。.!！、:：．";

    /// <summary>
    /// Every character of the input other than whitespace, separators and labels lies in an entry's subject, phone
    /// or work, in a problem's excerpt, or in the date or signature; every value is its span's text; every span
    /// is in bounds; lines are counted right.
    /// </summary>
    private static void AssertNothingLost(string text, ParsedReport report, int n = -1)
    {
        var covered = new bool[text.Length];
        void Cover(TextSpan span, string what)
        {
            Assert.True(span.Start >= 0 && span.Length >= 0 && span.End <= text.Length, $"case {n}: {what} {span} out of bounds");
            Array.Fill(covered, true, span.Start, span.Length);
        }
        foreach (var entry in report.Entries)
        {
            Cover(entry.LabelSpan, "label");
            Cover(entry.SubjectSpan, "subject");
            Cover(entry.PhoneSpan, "phone");
            Cover(entry.WorkSpan, "work");
            Assert.Equal(Squeeze(text.Substring(entry.SubjectSpan.Start, entry.SubjectSpan.Length)), Squeeze(entry.Subject));
            Assert.Equal(Squeeze(text.Substring(entry.WorkSpan.Start, entry.WorkSpan.Length)), Squeeze(entry.Work));
            if (entry.Phone is not null) Assert.Equal(text.Substring(entry.PhoneSpan.Start, entry.PhoneSpan.Length), entry.Phone);
        }
        var lines = report.Problems.Count == 0 ? [] : LineNumbers(text);
        foreach (var problem in report.Problems)
        {
            Cover(problem.Span, "problem");
            Assert.Equal(text.Substring(problem.Span.Start, problem.Span.Length), problem.Excerpt);
            Assert.Equal(lines[problem.Span.Start], problem.Line);
        }
        if (report.Heading is { } heading) Cover(heading, "heading");
        if (report.SignatureSpan is { } signature) Cover(signature, "signature");
        for (var i = 0; i < text.Length; i++)
        {
            if (covered[i] || char.IsWhiteSpace(text[i]) || Droppable.Contains(text[i])) continue;
            Assert.Fail($"case {n}: character {i} ({JsonSerializer.Serialize(text[i].ToString())}) is lost in {JsonSerializer.Serialize(text)}");
        }
    }

    /// <summary>The line number at each offset, counted the plain way (CR LF is one break).</summary>
    private static int[] LineNumbers(string text)
    {
        var lines = new int[text.Length + 1];
        var line = 1;
        for (var i = 0; i <= text.Length; i++)
        {
            lines[i] = line;
            if (i == text.Length) break;
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085') line++;
        }
        return lines;
    }

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static string Describe(ReportEntry e) =>
        string.Join('|', e.Label?.ToString() ?? "~", e.Subject, e.Place ?? "~", e.Equipment ?? "~", e.Phone ?? "~", e.PhoneDigits ?? "~", e.Work);

    /// <summary>Reports in every style a technician might use, built from realistic parts with a seeded random.</summary>
    internal static class Generator
    {
        private static readonly string[] Places = ["漳州民主路", "漳州龙文花园", "厦门湖里", "泉州丰泽", "福州仓山区", "广州天河", "深圳南山科技园", "东莞", "漳州浦东", "厦门C区", "佛山LED厂"];
        private static readonly string[] Kinds = ["卷压设备", "垂直设备", "智能马桶", "淋浴房", "列车空调", "空调"];
        private static readonly string[] Unknown = ["电动门", "热水器", "冷库"];
        private static readonly string[] Works = ["更换油管", "更换油缸", "定检(培训)、维护", "定检（培训）、维护", "维修冲水阀", "安装调试", "更换PCB板", "B栋更换密封圈", "清洗滤网、加氟", "跟踪使用"];
        private static readonly string[] LabelSeparators = ["", "", "、", ".", ":", "：", "．", " "];
        private static readonly string[] Commas = [",", "，"];
        private static readonly string[] EntrySeparators = [",", "，", "\n", "\r\n", "；", "，\n", "\n\n"];
        private static readonly string[] Dates = ["11月27日", "2026-11-27", "11.27", "2026年11月27日", "11月27号", "11月27日工作日报：", "今天工作如下："];
        private static readonly string[] Signatures = ["\n张伟", "——张伟", "\n——李强", " 售后王芳", "，售后欧阳明华", "\n-陈明", "\n售后刘洋"];
        private static readonly string[] Endings = ["", "", "。", ".", "；", ";", "!"];
        private static readonly string[] Noise = ["\0", "\u0007", "\t", "😀", "\uD83D", "\uDE00", "A", "b", "Z、", "1", "138", "*", "-", "(", "（", "）", ")", "+86", ",", "，", "\n", "\r", "\u2028", "　", "——", "售后", "张", "。", ":", "11月", "2026-"];

        public static (string Text, string[] Expected) Report(Random r)
        {
            var text = new StringBuilder();
            var expected = new List<string>();
            if (r.Next(3) == 0) text.Append(Dates[r.Next(Dates.Length)]).Append(r.Next(2) == 0 ? "\n" : " ");
            var count = 1 + r.Next(4);
            for (var i = 0; i < count; i++)
            {
                if (i > 0) text.Append(EntrySeparators[r.Next(EntrySeparators.Length)]);
                var label = (char)((r.Next(3) == 0 ? 'a' : 'A') + i);
                var place = Places[r.Next(Places.Length)];
                var known = r.Next(5) != 0;
                var kind = known ? Kinds[r.Next(Kinds.Length)] : Unknown[r.Next(Unknown.Length)];
                var (phone, digits) = Phone(r);
                var work = Works[r.Next(Works.Length)];
                var labelSeparator = LabelSeparators[r.Next(LabelSeparators.Length)];
                var comma = Commas[r.Next(Commas.Length)];
                text.Append(label).Append(labelSeparator).Append(place).Append(kind).Append(comma).Append(phone).Append(Commas[r.Next(Commas.Length)]).Append(work);
                expected.Add(string.Join('|', char.ToUpperInvariant(label), place + kind, known ? place : "~", known ? kind : "~", phone, digits, work));
            }
            text.Append(Endings[r.Next(Endings.Length)]);
            if (r.Next(3) == 0) text.Append(Signatures[r.Next(Signatures.Length)]);
            return (text.ToString(), expected.ToArray());
        }

        private static (string Phone, string Digits) Phone(Random r)
        {
            var mobile = "1" + (char)('3' + r.Next(7)) + r.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            var landline = "0" + r.Next(100, 999).ToString(CultureInfo.InvariantCulture);
            var local = r.Next(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
            return r.Next(8) switch
            {
                0 => (mobile, mobile),
                1 => (mobile[..7] + "***", mobile[..7] + "***"),
                2 => ($"{mobile[..3]} {mobile[3..7]} {mobile[7..]}", mobile),
                3 => ($"{mobile[..3]}-{mobile[3..7]}-{mobile[7..]}", mobile),
                4 => ("+86 " + mobile, mobile),
                5 => (mobile[..3] + "****" + mobile[7..], mobile[..3] + "****" + mobile[7..]),
                6 => ($"{landline}-{local}", landline + local),
                _ => ($"({landline}){local}", landline + local),
            };
        }

        /// <summary>Cuts, duplicates and sprinkles noise into a message.</summary>
        public static string Mangle(Random r, string text)
        {
            var s = new StringBuilder(text);
            var edits = 1 + r.Next(6);
            for (var i = 0; i < edits; i++)
            {
                var at = r.Next(s.Length + 1);
                switch (r.Next(5))
                {
                    case 0 when s.Length > 0:
                        s.Remove(at == s.Length ? at - 1 : at, Math.Min(1 + r.Next(6), s.Length - (at == s.Length ? at - 1 : at)));
                        break;
                    case 1:
                        var from = r.Next(text.Length);
                        s.Insert(at, text.Substring(from, Math.Min(text.Length - from, 1 + r.Next(20))));
                        break;
                    default:
                        s.Insert(at, Noise[r.Next(Noise.Length)]);
                        break;
                }
            }
            return s.ToString();
        }
    }

    // ---- the command line ----

    [Fact]
    public async Task The_sms_parse_verb_reads_text_and_JSON_lines_and_refuses_a_bad_file_without_touching_the_database()
    {
        await using var database = await TestDatabase.CreateEmptyAsync(Db.Sqlite);
        var databaseFile = database.ConnectionString.Split(';')[0]["Data Source=".Length..];

        var single = await Cli.RunAsync(database, "sms", "parse", "--text", "A漳州民主路卷压设备,1383838***,更换油管,B漳州龙文花园垂直设备,1393939***,更换油缸");
        Assert.True(single.ExitCode == 0, single.ToString());
        var result = JsonDocument.Parse(single.Output.Trim()).RootElement;
        var entries = result.GetProperty("entries");
        Assert.Equal(2, entries.GetArrayLength());
        Assert.Equal("B", entries[1].GetProperty("label").GetString());
        Assert.Equal("漳州龙文花园", entries[1].GetProperty("place").GetString());
        Assert.Equal("垂直设备", entries[1].GetProperty("equipment").GetString());
        Assert.Equal("1393939***", entries[1].GetProperty("phoneDigits").GetString());
        Assert.Equal("更换油缸", entries[1].GetProperty("work").GetString());
        Assert.Equal(0, result.GetProperty("problems").GetArrayLength());

        var file = Path.Combine(Path.GetTempPath(), $"sms-{Guid.NewGuid():N}.jsonl");
        try
        {
            await File.WriteAllLinesAsync(file,
            [
                """{"from":"13800000001","at":"2026-11-27T17:40:00+08:00","text":"11月27日\na、漳州民主路卷压设备，138 3838 1234，定检(培训)、维护\n——张伟"}""",
                "",
                """{"from":"13800000002","at":"2026-11-27T17:50:00+08:00","text":"漳州龙文花园垂直设备,更换油缸"}""",
            ]);
            var good = await Cli.RunAsync(database, "sms", "parse", "--file", file, "--kinds", "卷压设备,垂直设备");
            Assert.True(good.ExitCode == 0, good.ToString());
            var lines = good.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            Assert.Equal(2, lines.Length);
            Assert.Equal("13800000001", lines[0].GetProperty("from").GetString());
            Assert.Equal("2026-11-27T17:40:00+08:00", lines[0].GetProperty("at").GetString());
            Assert.Equal("13838381234", lines[0].GetProperty("entries")[0].GetProperty("phoneDigits").GetString());
            Assert.Equal("定检(培训)、维护", lines[0].GetProperty("entries")[0].GetProperty("work").GetString());
            Assert.Equal("张伟", lines[0].GetProperty("signature").GetString());
            var problems = lines[1].GetProperty("problems");
            Assert.Equal(["MissingLabel", "MissingPhone"], problems.EnumerateArray().Select(p => p.GetProperty("code").GetString()));
            Assert.Equal("第 1 条前面缺少字母编号（A、B、C…）。", problems[0].GetProperty("message").GetString());
            Assert.Equal(1, problems[0].GetProperty("line").GetInt32());
            Assert.Equal("漳州龙文花园垂直设备,更换油缸", problems[0].GetProperty("excerpt").GetString());

            await File.AppendAllLinesAsync(file, ["{\"from\":\"x\",\"text\":\"A…", """{"from":"13800000003"}""", """{"text":"A\ud800"}"""]);
            var bad = await Cli.RunAsync(database, "sms", "parse", "--file", file);
            Assert.True(bad.ExitCode == 2, bad.ToString());
            Assert.Equal("", bad.Output);
            Assert.Contains("line 4:", bad.Error);
            Assert.Contains("line 5:", bad.Error);
            Assert.Contains("line 6:", bad.Error);
            Assert.DoesNotContain("line 1:", bad.Error);
        }
        finally
        {
            File.Delete(file);
        }

        var help = await Cli.RunAsync(database, "sms", "parse", "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("--file", help.Output);

        Assert.False(File.Exists(databaseFile), "sms parse must not create or open the database");
    }

    [Fact]
    public async Task The_sms_parse_verb_reads_standard_input()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[] { Cli.AppDll, "sms", "parse", "--file", "-", "--culture", "en", "--connection", "Data Source=/nonexistent/dir/x.db", "--provider", "sqlite" })
            info.ArgumentList.Add(arg);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteLineAsync("""{"from":"a","at":1,"text":"A漳州民主路卷压设备,更换油管"}""");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, output + error);
        var result = JsonDocument.Parse(output.Trim()).RootElement;
        Assert.Equal(1, result.GetProperty("at").GetInt32());
        Assert.Equal("Entry A has no contact phone.", result.GetProperty("problems")[0].GetProperty("message").GetString());
    }
}
