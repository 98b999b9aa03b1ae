using System.Globalization;

namespace AfterSales.Features.Products;

/// <summary>Money is CNY whatever language the page is in: ¥1,234.00.</summary>
public static class Cny
{
    private static readonly NumberFormatInfo Format = new()
    {
        CurrencySymbol = "¥",
        CurrencyDecimalDigits = 2,
        CurrencyDecimalSeparator = ".",
        CurrencyGroupSeparator = ",",
        CurrencyGroupSizes = [3],
        CurrencyPositivePattern = 0,
        CurrencyNegativePattern = 1,
    };

    public static string Show(decimal? amount) => amount is { } a ? a.ToString("C", Format) : "—";
}
