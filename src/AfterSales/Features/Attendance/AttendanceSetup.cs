using AfterSales.Domain.Attendance;

namespace AfterSales.Features.Attendance;

public static class AttendanceSetup
{
    /// <summary>Positions, location rules (thresholds in the <c>Attendance</c> section), phone events and the periodic check.</summary>
    public static IServiceCollection AddAttendance(this IServiceCollection services)
    {
        services.AddOptions<AttendanceOptions>().BindConfiguration("Attendance");
        services.AddScoped<CompanyText>();
        services.AddScoped<PositionService>();
        services.AddScoped<AttendanceService>();
        services.AddScoped<PhoneService>();
        services.AddScoped<AnomalyDetector>();
        services.AddScoped<AttendanceCheck>();
        services.AddHostedService<AttendanceWorker>();
        return services;
    }
}
