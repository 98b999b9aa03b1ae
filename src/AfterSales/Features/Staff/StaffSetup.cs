namespace AfterSales.Features.People;

// The pages live in Features/Staff (so their URLs are /Staff/...), but the namespace is "People", like
// Domain.People: a namespace AfterSales.Features.Staff would hide the Staff entity from every other
// AfterSales.Features.* namespace.
public static class StaffSetup
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services.AddScoped<StaffService>();
}
