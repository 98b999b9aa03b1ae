using AfterSales.Data;
using AfterSales.Domain.Fees;
using AfterSales.Domain.People;
using AfterSales.Features.Identity;

namespace AfterSales.Features.Fees;

/// <summary>
/// Who sees and handles receipts and cash (SEC-2, as for work orders): a technician their own, a regional role its
/// region, head office and finance everything. Finance and the other read-only roles only look. Hand-ins are confirmed
/// by the region's managers and supervisors, never by the technician who handed the money in.
/// </summary>
public static class FeesAccess
{
    private static readonly StaffRole[] Handlers = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager,
        StaffRole.DeputyManager, StaffRole.Supervisor, StaffRole.Store];

    private static readonly StaffRole[] Confirmers = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager,
        StaffRole.DeputyManager, StaffRole.Supervisor];

    public static bool Sees(AccessScope scope, int technicianId, int regionId) =>
        scope.SeesOnlyOwnWork ? technicianId == scope.StaffId : scope.SeesRegion(regionId);

    public static bool MayChange(AccessScope scope, int technicianId, int regionId) =>
        Sees(scope, technicianId, regionId) && !scope.IsReadOnly && (scope.SeesOnlyOwnWork || Handlers.Contains(scope.Role));

    public static bool MayConfirm(AccessScope scope, CashHandIn handIn) =>
        scope.SeesRegion(handIn.RegionId) && !scope.IsReadOnly && Confirmers.Contains(scope.Role);

    public static bool IsConfirmer(AccessScope scope) => !scope.IsReadOnly && Confirmers.Contains(scope.Role);

    public static IQueryable<Receipt> Receipts(this AppDbContext db, AccessScope scope)
    {
        if (scope.SeesOnlyOwnWork) return db.Receipts.Where(r => r.TechnicianId == scope.StaffId);
        if (scope.SeesAllRegions) return db.Receipts;
        return db.Receipts.Where(r => r.RegionId == scope.RegionId);
    }

    public static IQueryable<CashHandIn> HandIns(this AppDbContext db, AccessScope scope)
    {
        if (scope.SeesOnlyOwnWork) return db.CashHandIns.Where(h => h.TechnicianId == scope.StaffId);
        if (scope.SeesAllRegions) return db.CashHandIns;
        return db.CashHandIns.Where(h => h.RegionId == scope.RegionId);
    }
}
