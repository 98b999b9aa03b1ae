using AfterSales.Data;
using AfterSales.Features.Audit;
using AfterSales.Features.Demo;
using AfterSales.Features.Shared;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Scalar.AspNetCore;

namespace AfterSales.Infrastructure;

/// <summary>Pages, API conventions, errors, health and the cross-cutting pieces every feature relies on.</summary>
public static class WebSetup
{
    public static IServiceCollection AddWebInfrastructure(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        // Chinese text is written as it is, not as &#x...; entities: smaller pages, readable source.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<LocalTime>();
        services.AddScoped<AuditChain>();
        services.AddScoped<AuditDisplay>();
        services.AddScoped<DemoCompany>();
        services.AddScoped<DemoActivity>();
        services.AddProblemDetails();
        // Enums travel by name ("Installation", "Reached"), as they are stored.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        // A body that cannot be read becomes an exception, so the one handler answers it in the user's language.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddOpenApi(o => o.AddOperationTransformer(Idempotency.DocumentHeader));
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            // Over HTTPS (also behind the proxy) the token cookie is never sent in the clear.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Pages without log-in that take a secret from the address: a caller guessing tokens is slowed down to a few tries a minute.
            var perMinute = configuration.GetValue("RateLimits:PublicLinksPerMinute", 30);
            o.AddPolicy(RateLimits.PublicLinks, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
            // Log-in attempts per address (the form and the API; opening the page is free). Each account also locks after
            // repeated failures; this slows one address trying many accounts. Generous, since a depot's phones share one address.
            var logInsPerMinute = configuration.GetValue("RateLimits:LogInsPerMinute", 60);
            o.AddPolicy(RateLimits.LogIns, http => HttpMethods.IsGet(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("page")
                : RateLimitPartition.GetFixedWindowLimiter("from " + http.Connection.RemoteIpAddress,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = logInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute());
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<DomainExceptionPageFilter>();
                o.Filters.Add<IdempotencyPageFilter>();
                var text = services.BuildServiceProviderFactoryLessLocalizer();
                o.ModelBindingMessageProvider.SetValueIsInvalidAccessor(v => text["Invalid.Value", v]);
                o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((v, _) => text["Invalid.Value", v]);
                o.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(f => text["Invalid.Number"]);
                o.ModelBindingMessageProvider.SetMissingBindRequiredValueAccessor(f => text["Required"]);
                o.ModelBindingMessageProvider.SetValueMustNotBeNullAccessor(f => text["Required"]);
                o.ModelBindingMessageProvider.SetMissingKeyOrValueAccessor(() => text["Required"]);
                o.ModelBindingMessageProvider.SetUnknownValueIsInvalidAccessor(f => text["Invalid.Value", ""]);
                o.ModelBindingMessageProvider.SetNonPropertyAttemptedValueIsInvalidAccessor(v => text["Invalid.Value", v]);
                o.ModelBindingMessageProvider.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["Invalid.Value", ""]);
                o.ModelBindingMessageProvider.SetNonPropertyValueMustBeANumberAccessor(() => text["Invalid.Number"]);
            })
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(UiText)));
        return services;
    }

    /// <summary>
    /// Model-binding messages are configured before the container exists; this localizer reads the same
    /// resources and follows the request's UI culture.
    /// </summary>
    private static IStringLocalizer BuildServiceProviderFactoryLessLocalizer(this IServiceCollection _) =>
        new ResourceManagerStringLocalizerFactory(
                Microsoft.Extensions.Options.Options.Create(new LocalizationOptions()),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .Create(typeof(UiText));

    public static WebApplication UseWebInfrastructure(this WebApplication app)
    {
        // Behind a reverse proxy on this machine (docs/deployment.md), the caller's address and https come from its
        // X-Forwarded-* headers: rate limits and /metrics see the real client, cookies are marked Secure. Only a proxy
        // on loopback is believed (the options' default); anyone else's headers are ignored.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        // Localization first, so that error answers are written in the user's language too.
        app.UseRequestLocalization();
        // The API answers with ProblemDetails; a person in a browser gets a page in their language.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            // A broken rule outside a page's form (e.g. opening the edit page of a trip already under way) is shown on
            // the error page with its status and its reason, not as 500.
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/Error/500",
                StatusCodeSelector = exception => DomainExceptionHandler.Classify(exception).Status ?? StatusCodes.Status500InternalServerError,
            });
            pages.UseStatusCodePagesWithReExecute("/Error/{0}");
        });
        app.Use(SecurityHeaders);
        app.UseMetricsEndpoint();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        // After log-in is known (a key belongs to its user), before anything runs that a retry must not repeat.
        app.UseIdempotency();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebInfrastructure(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (http, report) =>
            {
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
                });
            },
        }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("AfterSales API")).AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    internal static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi") || http.Request.Path.StartsWithSegments("/health");

    private static async Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        // The API reference page loads its own script; every other page only ours.
        if (!http.Request.Path.StartsWithSegments("/api-docs"))
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
        await next();
    }
}

/// <summary>The names of the rate-limiting policies (configured in <see cref="WebSetup"/>).</summary>
public static class RateLimits
{
    /// <summary>The anonymous pages reached by a link: sign (/r), survey (/s), verify (/v).</summary>
    public const string PublicLinks = "public-links";

    /// <summary>Log-in attempts (the log-in form and <c>POST /api/auth/login</c>).</summary>
    public const string LogIns = "log-ins";
}
