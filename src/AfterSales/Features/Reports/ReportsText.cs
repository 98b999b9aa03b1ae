using System.Globalization;
using System.Resources;
using AfterSales.Domain.Reports;

namespace AfterSales.Features.Reports;

/// <summary>Marker for the daily report area's strings (ReportsText.resx, ReportsText.zh-CN.resx).</summary>
public sealed class ReportsText
{
    private static readonly ResourceManager Resources = new(typeof(ReportsText));

    /// <summary>The message of a parser problem in the given language (zh-CN by default), for the command line and the pages.</summary>
    public static string Message(ReportProblem problem, CultureInfo? culture = null)
    {
        var format = Resources.GetString(problem.MessageKey, culture ?? CultureInfo.GetCultureInfo("zh-CN")) ?? problem.MessageKey;
        return string.Format(culture ?? CultureInfo.InvariantCulture, format, [.. problem.Arguments]);
    }
}
