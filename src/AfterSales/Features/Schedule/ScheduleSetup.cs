using AfterSales.Domain.Scheduling;

namespace AfterSales.Features.Schedule;

public static class ScheduleSetup
{
    public static IServiceCollection AddSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton((configuration.GetSection("Policy:Schedule").Get<SchedulePolicy>() ?? new SchedulePolicy()).Validated());
        services.AddScoped<Availability>();
        return services.AddScoped<ScheduleService>();
    }
}
