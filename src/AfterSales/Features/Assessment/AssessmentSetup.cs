namespace AfterSales.Features.Assessment;

public static class AssessmentSetup
{
    public static IServiceCollection AddAssessment(this IServiceCollection services) =>
        services.AddScoped<PolicyBook>().AddScoped<IncidentService>().AddScoped<StatementService>().AddScoped<RankingHistory>();
}
