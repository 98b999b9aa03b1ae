using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace AfterSales.Infrastructure;

/// <summary>zh-CN unless the person chose English (cookie, or ?culture=en on any URL).</summary>
public static class Localization
{
    public const string DefaultCulture = "zh-CN";
    public static readonly string[] Cultures = [DefaultCulture, "en"];

    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The browser's language is deliberately not consulted: staff share phones and PCs set to English.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static void SetCultureCookie(HttpResponse response, string culture)
    {
        if (!Cultures.Contains(culture)) culture = DefaultCulture;
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
    }
}
