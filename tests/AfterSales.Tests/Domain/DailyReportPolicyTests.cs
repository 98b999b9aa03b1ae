using AfterSales.Domain.Assessment;
using AfterSales.Domain.Reports;

namespace AfterSales.Tests.Domain;

/// <summary>RPT-1/RPT-3 (ASM-13): the daily report window is policy data, checked like the rest of the document; and the entry matcher.</summary>
public sealed class DailyReportPolicyTests
{
    private static string Default => PolicyDocument.DefaultText();

    private static IReadOnlyList<PolicyError> Errors(string from, string to)
    {
        Assert.Contains(from, Default);
        var check = PolicyDocument.Parse(Default.Replace(from, to));
        Assert.Null(check.Document);
        return check.Errors;
    }

    [Fact]
    public void The_shipped_window_is_17_to_18()
    {
        Assert.Equal((new TimeOnly(17, 0), new TimeOnly(18, 0)), PolicyDocument.Default().DailyReport.Window());
    }

    [Fact]
    public void A_policy_written_before_the_section_existed_has_the_17_to_18_window()
    {
        var start = Default.IndexOf("dailyReport:", StringComparison.Ordinal);
        var end = Default.IndexOf("ranking:", StringComparison.Ordinal);
        var check = PolicyDocument.Parse(Default[..start] + Default[end..]);
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal((new TimeOnly(17, 0), new TimeOnly(18, 0)), check.Document!.DailyReport.Window());
    }

    [Fact]
    public void A_changed_window_is_used()
    {
        var check = PolicyDocument.Parse(Default.Replace("windowStart: \"17:00\"", "windowStart: \"16:30\"").Replace("windowEnd: \"18:00\"", "windowEnd: 19:15"));
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal((new TimeOnly(16, 30), new TimeOnly(19, 15)), check.Document!.DailyReport.Window());
    }

    [Theory]
    [InlineData("windowStart: \"17:00\"", "windowStart: \"5pm\"", "dailyReport.windowStart", "Policy.TimeOfDay")]
    [InlineData("windowEnd: \"18:00\"", "windowEnd: \"25:00\"", "dailyReport.windowEnd", "Policy.TimeOfDay")]
    [InlineData("windowEnd: \"18:00\"", "windowEnd: \"\"", "dailyReport.windowEnd", "Policy.TimeOfDay")]
    [InlineData("windowEnd: \"18:00\"", "windowEnd: \"16:00\"", "dailyReport.windowEnd", "Policy.WindowReversed")]
    [InlineData("windowEnd: \"18:00\"", "windowEnd: \"17:00\"", "dailyReport.windowEnd", "Policy.WindowReversed")]
    public void A_wrong_window_is_refused_with_its_field_and_reason(string from, string to, string path, string code)
    {
        var error = Assert.Single(Errors(from, to));
        Assert.Equal((path, code), (error.Path, error.Code));
    }

    [Fact]
    public void An_unknown_field_in_the_section_is_refused()
    {
        var error = Assert.Single(Errors("windowEnd: \"18:00\"", "windowEnd: \"18:00\"\n  windowMiddle: \"17:30\""));
        Assert.Equal("Policy.Unreadable", error.Code);
    }

    private static readonly DayJob Zhangzhou = new(1, "WO000001", "住宅", "漳州", "漳州市民主路10号101室", "王芳", ["13800000001", "13700000001"], ["卷压设备"]);
    private static readonly DayJob Longwen = new(2, "WO000002", "住宅", "漳州", "漳州市龙文花园3号", "李强", ["13900000002"], ["垂直设备"]);

    [Fact]
    public void Entries_match_the_days_jobs_by_phone_place_and_equipment()
    {
        var parsed = new DailyReportParser().Parse("A漳州龙文花园垂直设备,1390000****,更换油缸,B漳州民主路卷压设备,1370000***1,更换油管,C厦门某地淋浴房,1500000****,维护");
        Assert.Equal(3, parsed.Entries.Count);
        Assert.Equal([2, 1, null], ReportMatcher.Match(parsed.Entries, [Zhangzhou, Longwen]));
    }

    [Theory]
    [InlineData("1380000***1", "13800000001", true)]
    [InlineData("13800000001", "13800000001", true)]
    [InlineData("138000000**", "13800000001", true)]
    [InlineData("138****0001", "13800000001", true)]
    [InlineData("1380*******", "13800000001", false)] // too few digits shown to tell
    [InlineData("13800000002", "13800000001", false)]
    [InlineData("1380000001", "13800000001", false)]
    public void A_masked_phone_matches_when_every_shown_digit_agrees(string typed, string stored, bool matches) =>
        Assert.Equal(matches, ReportMatcher.PhoneMatches(typed, stored));
}
