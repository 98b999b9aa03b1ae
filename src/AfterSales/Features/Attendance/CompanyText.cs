using System.Globalization;
using AfterSales.Infrastructure;
using Microsoft.Extensions.Localization;

namespace AfterSales.Features.Attendance;

/// <summary>
/// Texts the system writes into records (incident descriptions, waiver reasons): in the company's language, whoever
/// or whatever (a background job has no request culture) raised them.
/// </summary>
public sealed class CompanyText(IStringLocalizer<AttendanceText> text, LocalTime local)
{
    private static readonly CultureInfo Company = CultureInfo.GetCultureInfo(Localization.DefaultCulture);

    public string this[string key, params object[] args]
    {
        get
        {
            var ui = CultureInfo.CurrentUICulture;
            var current = CultureInfo.CurrentCulture;
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = Company;
            try { return text[key, args].Value; }
            finally { CultureInfo.CurrentUICulture = ui; CultureInfo.CurrentCulture = current; }
        }
    }

    public string Time(DateTimeOffset at) => local.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public string Clock(DateTimeOffset at) => local.ToLocal(at).ToString("HH:mm", CultureInfo.InvariantCulture);
}
