using System.Globalization;
using System.Resources;

namespace AfterSales.Features.Stock;

/// <summary>Marker for the stock area's strings (StockText.resx, StockText.zh-CN.resx).</summary>
public sealed class StockText
{
    private static readonly ResourceManager Resources = new(typeof(StockText));

    /// <summary>A text the system writes into records (an incident's description) in the company's language, zh-CN.</summary>
    public static string Company(string key, params object[] arguments)
    {
        var culture = CultureInfo.GetCultureInfo("zh-CN");
        return string.Format(culture, Resources.GetString(key, culture) ?? key, arguments);
    }
}
