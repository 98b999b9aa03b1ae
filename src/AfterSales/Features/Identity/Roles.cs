using AfterSales.Domain.People;
using Microsoft.AspNetCore.Authorization;

namespace AfterSales.Features.Identity;

/// <summary>Named capabilities, each a set of roles. Pages, endpoints and the navigation ask for these names.</summary>
public static class Policies
{
    public const string ManageUsers = nameof(ManageUsers);
    public const string ManageRegions = nameof(ManageRegions);
    public const string ViewStaff = nameof(ViewStaff);
    public const string ManageStaff = nameof(ManageStaff);
    public const string ManageCatalog = nameof(ManageCatalog);
    public const string ViewAudit = nameof(ViewAudit);
    public const string Import = nameof(Import);
    public const string EditCustomers = nameof(EditCustomers);
    public const string TakeWorkOrders = nameof(TakeWorkOrders);
    public const string ApproveTechnicianChange = nameof(ApproveTechnicianChange);
    public const string ViewOutbox = nameof(ViewOutbox);
    public const string MakeCallbacks = nameof(MakeCallbacks);
    public const string RecordIncidents = nameof(RecordIncidents);
    public const string DecideAppeals = nameof(DecideAppeals);
    public const string EditPolicy = nameof(EditPolicy);
    public const string ApprovePolicy = nameof(ApprovePolicy);
    public const string ViewStatements = nameof(ViewStatements);
    public const string CloseMonth = nameof(CloseMonth);
    public const string ViewDailyReports = nameof(ViewDailyReports);
    public const string EnterDailyReports = nameof(EnterDailyReports);
    /// <summary>ATT-1: today's map, anomalies, phone events and special cases of the technicians one oversees.</summary>
    public const string ViewAttendance = nameof(ViewAttendance);
    /// <summary>ASM-6: special cases are reported in advance to the supervision department, which records them.</summary>
    public const string RecordSpecialCases = nameof(RecordSpecialCases);
    /// <summary>INV-1…INV-3: the warehouse's work — receive, issue, transfer, tools back, parts received, stocktakes.</summary>
    public const string ManageStock = nameof(ManageStock);
    /// <summary>INV-1…INV-3: every location's stock, the tools out and the parts awaiting return of the region (or all).</summary>
    public const string ViewStock = nameof(ViewStock);
    /// <summary>SAF-1, SAF-2: the maintenance bases, their safety agreements and the permit templates.</summary>
    public const string ManageSafety = nameof(ManageSafety);
    public const string Dispatch = nameof(Dispatch);

    public static readonly IReadOnlyDictionary<string, StaffRole[]> Roles = new Dictionary<string, StaffRole[]>
    {
        [ManageUsers] = [StaffRole.Administrator],
        [ManageRegions] = [StaffRole.Administrator, StaffRole.GeneralManager],
        [ViewStaff] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.RegionalManager,
            StaffRole.DeputyManager, StaffRole.Supervisor, StaffRole.Finance],
        [ManageStaff] = [StaffRole.Administrator, StaffRole.GeneralManager],
        [ManageCatalog] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.TechnicalSupport],
        [ViewAudit] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment],
        [Import] = [StaffRole.Administrator],
        [ViewOutbox] = [StaffRole.Administrator],
        [TakeWorkOrders] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager, StaffRole.DeputyManager,
            StaffRole.Supervisor, StaffRole.Store],
        [ApproveTechnicianChange] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager, StaffRole.DeputyManager],
        [MakeCallbacks] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.RegionalManager,
            StaffRole.DeputyManager, StaffRole.Supervisor],
        [RecordIncidents] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.RegionalManager,
            StaffRole.DeputyManager],
        [DecideAppeals] = [StaffRole.SupervisionDepartment, StaffRole.GeneralManager],
        [EditPolicy] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment],
        [ApprovePolicy] = [StaffRole.GeneralManager],
        [ViewStatements] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.RegionalManager,
            StaffRole.DeputyManager, StaffRole.Finance],
        [CloseMonth] = [StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.Finance],
        // RPT-2: the technicians' regional managers receive the reports; head office and supervision look.
        [ViewDailyReports] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.RegionalManager,
            StaffRole.DeputyManager, StaffRole.Supervisor],
        [EnterDailyReports] = [StaffRole.Administrator, StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.Supervisor],
        [ViewAttendance] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.RegionalManager,
            StaffRole.DeputyManager],
        [RecordSpecialCases] = [StaffRole.Administrator, StaffRole.SupervisionDepartment, StaffRole.GeneralManager],
        // The warehouse staff (fj.store, gd.store) and the region's managers keep the stock; head office and finance look.
        [ManageStock] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.Store],
        [ViewStock] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.Store,
            StaffRole.SupervisionDepartment, StaffRole.Supervisor, StaffRole.Finance],
        // Head office, supervision and the region's managers keep the bases' agreements and the permit templates.
        [ManageSafety] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.SupervisionDepartment, StaffRole.RegionalManager,
            StaffRole.DeputyManager, StaffRole.Supervisor],
        // SCH-4: the region's managers, deputies and supervisors plan its days (per region by AccessScope), and head office.
        [Dispatch] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager, StaffRole.DeputyManager, StaffRole.Supervisor],
        [EditCustomers] = [StaffRole.Administrator, StaffRole.GeneralManager, StaffRole.RegionalManager, StaffRole.DeputyManager,
            StaffRole.Supervisor, StaffRole.Store, StaffRole.Technician],
    };

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        foreach (var (name, roles) in Roles)
            options.AddPolicy(name, p => p.RequireRole(roles.Select(r => r.ToString())));
    }

    public static bool Allows(string policy, StaffRole role) => Roles[policy].Contains(role);
}
