using System.Globalization;
using System.Resources;

namespace AfterSales.Features.Safety;

/// <summary>Marker for the safety area's strings (SafetyText.resx, SafetyText.zh-CN.resx).</summary>
public sealed class SafetyText
{
    private static readonly ResourceManager Resources = new(typeof(SafetyText));

    /// <summary>A text the system writes into records (an incident's description) in the company's language, zh-CN.</summary>
    public static string Company(string key, params object[] arguments)
    {
        var culture = CultureInfo.GetCultureInfo("zh-CN");
        return string.Format(culture, Resources.GetString(key, culture) ?? key, arguments);
    }
}
