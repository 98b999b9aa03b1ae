using AfterSales.Domain.WorkOrders;

namespace AfterSales.Features.WorkOrders;

public static class WorkOrdersSetup
{
    public static IServiceCollection AddWorkOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Policy:WorkOrders").Get<WorkOrderPolicy>() ?? new WorkOrderPolicy());
        services.AddScoped<WorkOrderMessages>();
        return services.AddScoped<WorkOrderService>();
    }
}
