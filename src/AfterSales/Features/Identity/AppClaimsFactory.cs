using System.Globalization;
using System.Security.Claims;
using AfterSales.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Identity;

/// <summary>Puts the staff member's role and region into the log-in cookie, so every request knows its scope.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Id == user.StaffId);
        identity.AddClaim(new Claim(AccessScope.StaffIdClaim, staff.Id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AccessScope.StaffNameClaim, staff.Name));
        identity.AddClaim(new Claim(ClaimTypes.Role, staff.Role.ToString()));
        if (staff.RegionId is { } region)
            identity.AddClaim(new Claim(AccessScope.RegionIdClaim, region.ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
