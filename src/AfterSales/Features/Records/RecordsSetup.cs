using AfterSales.Domain.Records;

namespace AfterSales.Features.Records;

public static class RecordsSetup
{
    public static IServiceCollection AddRecords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Policy:Records").Get<RecordPolicy>() ?? new RecordPolicy());
        services.AddScoped<RecordMessages>();
        services.AddScoped<RecordPdf>();
        return services.AddScoped<RecordService>();
    }
}
