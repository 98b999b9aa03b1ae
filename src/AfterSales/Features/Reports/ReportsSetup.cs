namespace AfterSales.Features.Reports;

public static class ReportsSetup
{
    /// <summary>Daily reports: receiving and matching, the deadline judge and its worker (<c>Reports:JudgeIntervalSeconds</c>, 0 = off).</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<DailyReportOptions>().BindConfiguration("Reports");
        services.AddScoped<DailyReportService>().AddScoped<DailyReportJudge>();
        services.AddHostedService<DailyReportWorker>();
        return services;
    }
}
