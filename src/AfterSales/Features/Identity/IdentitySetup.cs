using AfterSales.Domain;
using AfterSales.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Identity;

public static class IdentitySetup
{
    public const int MaxFailedLogIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IServiceCollection AddAppIdentity(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedLogIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<ClockedUserManager>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders();

        // Role or region changes reach open sessions within a minute (the admin page renews the security stamp).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "aftersales.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Identity/Login";
            o.LogoutPath = "/Identity/Logout";
            o.AccessDeniedPath = "/Identity/Denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            // The API answers with status codes; only pages redirect to the log-in form.
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        // Keys live in the database so every instance behind a load balancer reads the same cookies.
        services.AddDataProtection().SetApplicationName("AfterSales").PersistKeysToDbContext<AppDbContext>();

        services.AddAuthorization(Policies.Configure);
        services.AddScoped<IAuthorizationHandler, RecordAuthorizationHandler>();
        services.AddScoped<LogInService>();
        return services;
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

public enum LogInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    Inactive,
}

/// <summary>Log-in by user name or by the staff member's mobile number (spaces, dashes and +86 allowed).</summary>
public sealed class LogInService(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    public async Task<AppUser?> FindAsync(string login)
    {
        login = login.Trim();
        var user = await users.FindByNameAsync(login);
        if (user is not null) return user;
        var phone = ChinesePhone.TryNormalizeMobile(login);
        if (phone is null) return null;
        var staffId = await db.Staff.Where(s => s.Phone == phone).Select(s => (int?)s.Id).SingleOrDefaultAsync();
        return staffId is null ? null : await db.Users.SingleOrDefaultAsync(u => u.StaffId == staffId);
    }

    public async Task<LogInOutcome> LogInAsync(string login, string password, bool remember)
    {
        var user = await FindAsync(login);
        if (user is null) return LogInOutcome.Failed;
        var active = await db.Staff.Where(s => s.Id == user.StaffId).Select(s => s.IsActive).SingleAsync();
        // Only someone who knows the password learns that the account was deactivated.
        if (!active) return await users.CheckPasswordAsync(user, password) ? LogInOutcome.Inactive : LogInOutcome.Failed;
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded) return LogInOutcome.Succeeded;
        return result.IsLockedOut ? LogInOutcome.LockedOut : LogInOutcome.Failed;
    }
}
