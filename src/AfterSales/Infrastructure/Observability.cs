using System.Diagnostics.Metrics;
using System.Net;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AfterSales.Infrastructure;

/// <summary>
/// The app's own measurements beside ASP.NET Core's request metrics: scheduled job rounds, text messages received and
/// how they read, incidents raised. Scraped by Prometheus at <c>/metrics</c> (names as <c>aftersales_jobs_runs_total</c> …).
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "AfterSales";

    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _smsReceived;
    private readonly Counter<long> _incidentsRaised;

    public AppMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _jobRuns = meter.CreateCounter<long>("aftersales.jobs.runs", "{run}", "Rounds of the scheduled jobs, by job and outcome (ok, failed).");
        _smsReceived = meter.CreateCounter<long>("aftersales.sms.received", "{message}",
            "Daily-report text messages received from the gateway, by how they read (well_formed, malformed, unknown_sender, duplicate).");
        _incidentsRaised = meter.CreateCounter<long>("aftersales.incidents.raised", "{incident}", "Incidents accepted by the assessment rules, by kind and source.");
    }

    public void JobRan(string job, bool ok) =>
        _jobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));

    public void SmsReceived(string outcome) => _smsReceived.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void IncidentRaised(string kind, string source) =>
        _incidentsRaised.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("source", source));
}

public static class Observability
{
    /// <summary>
    /// Metrics always (for the scrape endpoint); traces and logs are sent over OTLP only when a collector is named
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, the standard variable), so an app without one does no tracing work.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AppMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("aftersales"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(AppMetrics.MeterName)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry
                .WithTracing(t => t
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                    .AddSource("Npgsql")
                    .AddOtlpExporter())
                .WithLogging(l => l.AddOtlpExporter());
        }
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> for Prometheus, answered only to the machine itself and to the networks named in
    /// <c>Observability:MetricsAllowedFrom</c> (e.g. "10.0.0.0/8"); anyone else meets the app as if it did not exist.
    /// </summary>
    public static WebApplication UseMetricsEndpoint(this WebApplication app)
    {
        var allowed = (app.Configuration["Observability:MetricsAllowedFrom"] ?? "")
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPNetwork.Parse).ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(http => http.Request.Path == "/metrics" && MayScrape(http.Connection.RemoteIpAddress, allowed));
        return app;
    }

    private static bool MayScrape(IPAddress? caller, List<IPNetwork> allowed)
    {
        if (caller is null) return false;
        if (caller.IsIPv4MappedToIPv6) caller = caller.MapToIPv4();
        return IPAddress.IsLoopback(caller) || allowed.Any(n => n.Contains(caller));
    }
}
