namespace AfterSales.Features.Leads;

public static class LeadsSetup
{
    public static IServiceCollection AddLeads(this IServiceCollection services) => services.AddScoped<LeadService>();
}
