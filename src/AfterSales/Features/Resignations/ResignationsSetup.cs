namespace AfterSales.Features.Resignations;

public static class ResignationsSetup
{
    public static IServiceCollection AddResignations(this IServiceCollection services) => services.AddScoped<ResignationService>();
}
