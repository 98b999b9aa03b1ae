namespace AfterSales.Features.Customers;

public static class CustomersSetup
{
    public static IServiceCollection AddCustomers(this IServiceCollection services) => services.AddScoped<CustomerService>();
}
