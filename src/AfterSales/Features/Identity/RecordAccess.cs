using AfterSales.Data;
using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace AfterSales.Features.Identity;

public static class Operations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };
}

/// <summary>The owner of customer-bound records (sites, contacts, equipment): the customer's region and technician.</summary>
public sealed record CustomerOwnership(int RegionId, int? TechnicianId)
{
    public static CustomerOwnership Of(Customer customer) => new(customer.RegionId, customer.TechnicianId);
}

/// <summary>
/// Who may read or change one record (SEC-2). Lists use <see cref="ScopedQueries"/>, which applies the same
/// rules as a filter; both read the rules from <see cref="AccessScope"/>.
/// </summary>
public sealed class RecordAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement)
    {
        if (context.User.FindFirst(AccessScope.StaffIdClaim) is null) return Task.CompletedTask;
        var scope = AccessScope.From(context.User);
        var edit = requirement.Name == Operations.Edit.Name;
        var allowed = context.Resource switch
        {
            Customer c => MayTouchCustomer(scope, CustomerOwnership.Of(c), edit),
            CustomerOwnership o => MayTouchCustomer(scope, o, edit),
            Staff s => edit ? Policies.Allows(Policies.ManageStaff, scope.Role) : MayReadStaff(scope, s),
            Product => !edit || Policies.Allows(Policies.ManageCatalog, scope.Role),
            WorkOrder w => MayTouchWorkOrder(scope, w, edit),
            _ => false,
        };
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private static bool MayTouchCustomer(AccessScope scope, CustomerOwnership owner, bool edit)
    {
        var sees = scope.SeesOnlyOwnWork ? owner.TechnicianId == scope.StaffId : scope.SeesRegion(owner.RegionId);
        return sees && (!edit || (!scope.IsReadOnly && Policies.Allows(Policies.EditCustomers, scope.Role)));
    }

    /// <summary>A technician works their own jobs; a regional role its region's; head office reads all.</summary>
    private static bool MayTouchWorkOrder(AccessScope scope, WorkOrder workOrder, bool edit)
    {
        var sees = scope.SeesOnlyOwnWork ? workOrder.IsWorkedBy(scope.StaffId) : scope.SeesRegion(workOrder.RegionId);
        return sees && (!edit || (!scope.IsReadOnly && (scope.SeesOnlyOwnWork || Policies.Allows(Policies.TakeWorkOrders, scope.Role))));
    }

    private static bool MayReadStaff(AccessScope scope, Staff staff) =>
        staff.Id == scope.StaffId
        || (Policies.Allows(Policies.ViewStaff, scope.Role) && (staff.RegionId is null ? scope.SeesAllRegions : scope.SeesRegion(staff.RegionId.Value)));
}

/// <summary>The rows a person may see, as query filters. The same rules as <see cref="RecordAuthorizationHandler"/>.</summary>
public static class ScopedQueries
{
    public static IQueryable<Customer> Customers(this AppDbContext db, AccessScope scope)
    {
        if (scope.SeesOnlyOwnWork) return db.Customers.Where(c => c.TechnicianId == scope.StaffId);
        if (scope.SeesAllRegions) return db.Customers;
        return db.Customers.Where(c => c.RegionId == scope.RegionId);
    }

    public static IQueryable<Site> Sites(this AppDbContext db, AccessScope scope) =>
        db.Sites.Where(s => db.Customers(scope).Any(c => c.Id == s.CustomerId));

    public static IQueryable<InstalledEquipment> Equipment(this AppDbContext db, AccessScope scope) =>
        db.Equipment.Where(e => db.Sites(scope).Any(s => s.Id == e.SiteId));

    public static IQueryable<WorkOrder> WorkOrders(this AppDbContext db, AccessScope scope)
    {
        if (scope.SeesOnlyOwnWork)
        {
            // Their jobs and the ones they help on, as one id list: "TechnicianId = x OR EXISTS (helper)" cannot use an index
            // and read every work order of the company (0.7 s a list with 600,000 jobs, docs/load-benchmark.md).
            var staffId = scope.StaffId;
            var mine = db.WorkOrders.Where(w => w.TechnicianId == staffId).Select(w => w.Id)
                .Concat(db.WorkOrderHelpers.Where(h => h.StaffId == staffId).Select(h => h.WorkOrderId));
            return db.WorkOrders.Where(w => mine.Contains(w.Id));
        }
        if (scope.SeesAllRegions) return db.WorkOrders;
        return db.WorkOrders.Where(w => w.RegionId == scope.RegionId);
    }

    public static IQueryable<Staff> Staff(this AppDbContext db, AccessScope scope)
    {
        if (!Policies.Allows(Policies.ViewStaff, scope.Role)) return db.Staff.Where(s => s.Id == scope.StaffId);
        if (scope.SeesAllRegions) return db.Staff;
        return db.Staff.Where(s => s.RegionId == scope.RegionId || s.Id == scope.StaffId);
    }

    /// <summary>Incidents (ASM): a technician their own, a manager their region's, head office all.</summary>
    public static IQueryable<Domain.Assessment.Incident> Incidents(this AppDbContext db, AccessScope scope)
    {
        if (scope.SeesOnlyOwnWork || !Policies.Allows(Policies.ViewStatements, scope.Role) && !Policies.Allows(Policies.RecordIncidents, scope.Role))
            return db.Incidents.Where(i => i.PersonId == scope.StaffId);
        if (scope.SeesAllRegions) return db.Incidents;
        return db.Incidents.Where(i => i.RegionId == scope.RegionId || i.PersonId == scope.StaffId);
    }
}
