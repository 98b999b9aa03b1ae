using AfterSales.Data;
using AfterSales.Domain.People;
using AfterSales.Domain.Travel;
using AfterSales.Features.Identity;

namespace AfterSales.Features.Trips;

/// <summary>
/// Who sees and handles trips (SEC-2): the traveller their own; the region's managers, deputies and supervisor their
/// region's; finance and head office every trip. Only the traveller changes a trip; the region's manager or deputy
/// approves first, then finance; nobody approves their own claim.
/// </summary>
public static class TripsAccess
{
    private static readonly StaffRole[] RegionalReaders = [StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.Supervisor];
    private static readonly StaffRole[] AllReaders = [StaffRole.Finance, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.Administrator];
    private static readonly StaffRole[] ManagerApprovers = [StaffRole.RegionalManager, StaffRole.DeputyManager];
    private static readonly StaffRole[] FalseClaimCheckers = [StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.Finance,
        StaffRole.SupervisionDepartment, StaffRole.GeneralManager];

    public static bool Sees(AccessScope scope, Trip trip) =>
        trip.TravellerId == scope.StaffId
        || AllReaders.Contains(scope.Role)
        || RegionalReaders.Contains(scope.Role) && (scope.RegionId is null || scope.RegionId == trip.RegionId);

    public static bool MayEdit(AccessScope scope, Trip trip) => trip.TravellerId == scope.StaffId;

    /// <summary>The traveller's regional manager or deputy, or the general manager (e.g. for a manager's own trip).</summary>
    public static bool MayApproveAsManager(AccessScope scope, Trip trip) =>
        trip.TravellerId != scope.StaffId
        && (ManagerApprovers.Contains(scope.Role) && scope.RegionId == trip.RegionId || scope.Role == StaffRole.GeneralManager);

    public static bool MayApproveAsFinance(AccessScope scope, Trip trip) => trip.TravellerId != scope.StaffId && scope.Role == StaffRole.Finance;

    public static bool MayMarkFalse(AccessScope scope, Trip trip) =>
        trip.TravellerId != scope.StaffId && Sees(scope, trip) && FalseClaimCheckers.Contains(scope.Role);

    public static bool IsManagerApprover(AccessScope scope) => ManagerApprovers.Contains(scope.Role) || scope.Role == StaffRole.GeneralManager;

    public static bool IsFinance(AccessScope scope) => scope.Role == StaffRole.Finance;

    /// <summary>Who sees the reimbursement list of the month: managers (their region), finance and head office.</summary>
    public static bool SeesReimbursements(AccessScope scope) => RegionalReaders.Contains(scope.Role) || AllReaders.Contains(scope.Role);

    public static IQueryable<Trip> Trips(this AppDbContext db, AccessScope scope)
    {
        if (AllReaders.Contains(scope.Role)) return db.Trips;
        if (RegionalReaders.Contains(scope.Role))
            return scope.RegionId is { } region ? db.Trips.Where(t => t.RegionId == region || t.TravellerId == scope.StaffId) : db.Trips;
        return db.Trips.Where(t => t.TravellerId == scope.StaffId);
    }
}
