using System.Globalization;
using System.Resources;
using AfterSales.Domain.Reports;

namespace AfterSales.Features.Reports;

/// <summary>Marker for the daily report area's strings (ReportsText.resx, ReportsText.zh-CN.resx).</summary>
public sealed class ReportsText
{
    private static readonly ResourceManager Resources = new(typeof(ReportsText));

    /// <summary>A text the system writes into records (an incident's description) in the company's language, zh-CN.</summary>
    public static string Company(string key, params object[] arguments)
    {
        var culture = CultureInfo.GetCultureInfo("zh-CN");
        return string.Format(culture, Resources.GetString(key, culture) ?? key, arguments);
    }

    /// <summary>The message of a parser problem in the given language (zh-CN by default), for the command line and the pages.</summary>
    public static string Message(ReportProblem problem, CultureInfo? culture = null)
    {
        var format = Resources.GetString(problem.MessageKey, culture ?? CultureInfo.GetCultureInfo("zh-CN")) ?? problem.MessageKey;
        return string.Format(culture ?? CultureInfo.InvariantCulture, format, [.. problem.Arguments]);
    }
}
