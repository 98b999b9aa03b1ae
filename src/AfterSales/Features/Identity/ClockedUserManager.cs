using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Identity;

/// <summary>
/// The user manager with lock-outs measured on the app's <see cref="TimeProvider"/> instead of the machine clock,
/// so the lock-out shown on the admin pages, the one enforced at log-in and the tests' clock agree.
/// (ASP.NET Core Identity's own UserManager reads DateTimeOffset.UtcNow for lock-outs.)
/// </summary>
public sealed class ClockedUserManager(IUserStore<AppUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger,
    TimeProvider clock)
    : UserManager<AppUser>(store, options, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<AppUser> LockoutStore => (IUserLockoutStore<AppUser>)Store;

    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken)) return false;
        return await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) is { } end && end >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var failures = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (failures >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
