using System.Globalization;
using System.Security.Claims;
using AfterSales.Domain.People;

namespace AfterSales.Features.Identity;

/// <summary>
/// What part of the company a signed-in person sees (SEC-2): a technician their own work, a manager their
/// region, head office everything. Built from the claims issued at log-in.
/// </summary>
public sealed record AccessScope(int StaffId, StaffRole Role, int? RegionId)
{
    public const string StaffIdClaim = "staff_id";
    public const string RegionIdClaim = "region_id";
    public const string StaffNameClaim = "staff_name";

    public static AccessScope From(ClaimsPrincipal user)
    {
        var staffId = int.Parse(user.FindFirstValue(StaffIdClaim) ?? throw new InvalidOperationException("Not signed in."), CultureInfo.InvariantCulture);
        var role = Enum.Parse<StaffRole>(user.FindFirstValue(ClaimTypes.Role)!);
        var region = user.FindFirstValue(RegionIdClaim);
        return new AccessScope(staffId, role, region is null ? null : int.Parse(region, CultureInfo.InvariantCulture));
    }

    /// <summary>Head office sees every region; a regional role without a region does too.</summary>
    public bool SeesAllRegions => Role switch
    {
        StaffRole.SupervisionDepartment or StaffRole.GeneralManager or StaffRole.Administrator
            or StaffRole.Finance or StaffRole.TechnicalSupport => true,
        StaffRole.Supervisor => RegionId is null,
        _ => false,
    };

    public bool SeesOnlyOwnWork => Role == StaffRole.Technician;

    public bool SeesRegion(int regionId) => SeesAllRegions || (!SeesOnlyOwnWork && RegionId == regionId);

    /// <summary>Roles that only look: they may read what they see but change no master data.</summary>
    public bool IsReadOnly => Role is StaffRole.Finance or StaffRole.TechnicalSupport or StaffRole.SupervisionDepartment;
}
