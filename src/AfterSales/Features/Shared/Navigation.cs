using AfterSales.Features.Identity;

namespace AfterSales.Features.Shared;

/// <summary>The main menu. Each entry names the capability it needs, so a person sees only what they may use.</summary>
public static class Navigation
{
    public sealed record Item(string TextKey, string Path, string? Policy);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("Nav.Home", "/", null),
        new("Nav.Today", "/Visits", null),
        new("Nav.WorkOrders", "/WorkOrders", null),
        new("Nav.Schedule", "/Schedule", null),
        new("Nav.Dispatch", "/Dispatch", Policies.Dispatch),
        new("Nav.Support", "/Support", null),
        new("Nav.Records", "/Records", null),
        new("Nav.Fees", "/Fees", null),
        new("Nav.Trips", "/Trips", null),
        new("Nav.Stock", "/Stock", null),
        new("Nav.Safety", "/Safety", null),
        new("Nav.Callbacks", "/Callbacks", Policies.MakeCallbacks),
        new("Nav.Reports", "/Reports/Today", Policies.ViewDailyReports),
        new("Nav.Assessment", "/Assessment", null),
        new("Nav.Attendance", "/Attendance/Today", Policies.ViewAttendance),
        new("Nav.Conduct", "/Conduct", null),
        new("Nav.Customers", "/Customers", null),
        new("Nav.Leads", "/Leads", null),
        new("Nav.Resignations", "/Resignations", null),
        new("Nav.Equipment", "/Equipment", null),
        new("Nav.Products", "/Products", null),
        new("Nav.Staff", "/Staff", Policies.ViewStaff),
        new("Nav.Regions", "/Regions", Policies.ManageRegions),
        new("Nav.Users", "/Admin/Users", Policies.ManageUsers),
        new("Nav.Import", "/Import", Policies.Import),
        new("Nav.Audit", "/Audit", Policies.ViewAudit),
        new("Nav.Outbox", "/Admin/Outbox", Policies.ViewOutbox),
    ];
}
