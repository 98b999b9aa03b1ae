namespace AfterSales.Features.Assessment;

public static class AssessmentSetup
{
    /// <summary>Policies, incidents, statements and the ranking, and the scheduled month close (<c>Assessment:*</c>, see <see cref="MonthCloseOptions"/>).</summary>
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddOptions<MonthCloseOptions>().BindConfiguration("Assessment");
        services.AddScoped<PolicyBook>().AddScoped<IncidentService>().AddScoped<StatementService>().AddScoped<RankingHistory>()
            .AddScoped<ScheduledMonthClose>();
        services.AddHostedService<ScheduledMonthCloseWorker>();
        return services;
    }
}
