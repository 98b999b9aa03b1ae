using AfterSales.Features.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AfterSales.Features.Admin;

public static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<AccountService>();
        // Lock-outs on the app's clock. This belongs beside AddIdentity in Identity/IdentitySetup
        // (.AddUserManager<ClockedUserManager>()); it is here only because that file is shared.
        services.Replace(ServiceDescriptor.Scoped<UserManager<AppUser>, ClockedUserManager>());
        return services;
    }
}
