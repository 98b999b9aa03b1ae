using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> b)
    {
        b.Ignore(w => w.Number);
        b.Ignore(w => w.IsOpen);
        b.Property(w => w.Description).HasMaxLength(2000);
        b.Property(w => w.WaitingForDepartment).HasMaxLength(100);
        b.Property(w => w.WaitingQuestion).HasMaxLength(2000);
        b.Property(w => w.DepartmentAnswer).HasMaxLength(2000);
        b.Property(w => w.DepartmentConfirmedBy).HasMaxLength(100);
        b.Property(w => w.CancelReason).HasMaxLength(500);
        // Flags are stored as their number: a combination has no single name.
        b.Property(w => w.Required).HasConversion<int>();
        b.HasIndex(w => new { w.RegionId, w.State });
        // A region's list, newest first (the manager's /WorkOrders): read in index order instead of sorting the region's jobs.
        b.HasIndex(w => new { w.RegionId, w.ReceivedAt, w.Id });
        b.HasIndex(w => new { w.TechnicianId, w.State });
        b.HasIndex(w => w.CustomerId);
        b.HasIndex(w => w.FirstContactDueAt);
        b.HasOne<Customer>().WithMany().HasForeignKey(w => w.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Site>().WithMany().HasForeignKey(w => w.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(w => w.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(w => w.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(w => w.ReceivedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(w => w.Contacts).WithOne(c => c.WorkOrder).HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Property(w => w.DayBeforeConfirmedBy).HasMaxLength(100);
        b.Property(w => w.Cause).HasMaxLength(200);
        b.Property(w => w.RepairClassOverrideReason).HasMaxLength(500);
        b.Property(w => w.EstimatedHours).HasPrecision(7, 2);
        b.Property(w => w.ActualHours).HasPrecision(7, 2);
        b.HasIndex(w => w.Cause);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(w => w.ReworkOfId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(w => w.Checklist).WithOne(i => i.WorkOrder).HasForeignKey(i => i.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Checklist).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(w => w.Items).WithOne(i => i.WorkOrder).HasForeignKey(i => i.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(w => w.CurrentVisit);
        b.HasMany(w => w.Visits).WithOne(v => v.WorkOrder).HasForeignKey(v => v.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Visits).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(w => w.Helpers).WithOne(h => h.WorkOrder).HasForeignKey(h => h.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Helpers).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(w => w.ChangeRequests).WithOne(r => r.WorkOrder).HasForeignKey(r => r.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.ChangeRequests).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(w => w.FitProblems).WithOne(f => f.WorkOrder).HasForeignKey(f => f.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.FitProblems).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WorkOrderContactConfiguration : IEntityTypeConfiguration<WorkOrderContact>
{
    public void Configure(EntityTypeBuilder<WorkOrderContact> b)
    {
        b.Property(c => c.ConstructionProgress).HasMaxLength(1000);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.Property(c => c.Required).HasConversion<int>();
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkOrderItemConfiguration : IEntityTypeConfiguration<WorkOrderItem>
{
    public void Configure(EntityTypeBuilder<WorkOrderItem> b)
    {
        b.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InstalledEquipment>().WithMany().HasForeignKey(i => i.EquipmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.Property(i => i.Code).HasMaxLength(50);
        b.Ignore(i => i.IsDone);
        b.HasIndex(i => new { i.WorkOrderId, i.Position });
        b.HasOne<Staff>().WithMany().HasForeignKey(i => i.DoneById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.Ignore(v => v.IsOver);
        b.Property(v => v.Present).HasConversion<int>();
        b.Property(v => v.PresentOthers).HasMaxLength(200);
        b.Property(v => v.LeftUnfinishedReason).HasMaxLength(500);
        b.HasIndex(v => new { v.WorkOrderId, v.Number }).IsUnique();
        b.HasIndex(v => new { v.TechnicianId, v.DepartedAt });
        b.HasOne<Staff>().WithMany().HasForeignKey(v => v.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Measurements).WithOne(m => m.Visit).HasForeignKey(m => m.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(v => v.Measurements).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(v => v.Tests).WithOne(t => t.Visit).HasForeignKey(t => t.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(v => v.Tests).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class MeasurementConfiguration : IEntityTypeConfiguration<Measurement>
{
    public void Configure(EntityTypeBuilder<Measurement> b)
    {
        b.Property(m => m.Name).HasMaxLength(Measurement.MaxNameLength);
        b.Property(m => m.Value).HasPrecision(12, 3);
        b.Property(m => m.Note).HasMaxLength(500);
        b.HasOne<WorkOrderItem>().WithMany().HasForeignKey(m => m.WorkOrderItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(m => m.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommissioningTestConfiguration : IEntityTypeConfiguration<CommissioningTest>
{
    public void Configure(EntityTypeBuilder<CommissioningTest> b)
    {
        b.Ignore(t => t.Passed);
        b.Property(t => t.Notes).HasMaxLength(1000);
        b.HasOne<WorkOrderItem>().WithMany().HasForeignKey(t => t.WorkOrderItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitPhotoConfiguration : IEntityTypeConfiguration<VisitPhoto>
{
    public void Configure(EntityTypeBuilder<VisitPhoto> b)
    {
        b.Property(p => p.ContentType).HasMaxLength(30);
        b.Property(p => p.Caption).HasMaxLength(VisitPhoto.MaxCaptionLength);
        b.HasIndex(p => p.WorkOrderId);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(p => p.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Visit>().WithMany().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(p => p.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkOrderHelperConfiguration : IEntityTypeConfiguration<WorkOrderHelper>
{
    public void Configure(EntityTypeBuilder<WorkOrderHelper> b)
    {
        b.HasIndex(h => new { h.WorkOrderId, h.StaffId }).IsUnique();
        b.HasIndex(h => h.StaffId);
        b.HasOne<Staff>().WithMany().HasForeignKey(h => h.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TechnicianChangeRequestConfiguration : IEntityTypeConfiguration<TechnicianChangeRequest>
{
    public void Configure(EntityTypeBuilder<TechnicianChangeRequest> b)
    {
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.DecisionNote).HasMaxLength(500);
        b.HasIndex(r => r.State);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.FromTechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.ToTechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.DecidedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FitProblemConfiguration : IEntityTypeConfiguration<FitProblem>
{
    public void Configure(EntityTypeBuilder<FitProblem> b)
    {
        b.Property(f => f.Problem).HasMaxLength(1000);
        b.Property(f => f.Alternative).HasMaxLength(1000);
        b.HasOne<WorkOrderItem>().WithMany().HasForeignKey(f => f.WorkOrderItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(f => f.ReportedById).OnDelete(DeleteBehavior.Restrict);
    }
}
