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
        b.Property(w => w.Version).IsConcurrencyToken();
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
    }
}

internal sealed class WorkOrderContactConfiguration : IEntityTypeConfiguration<WorkOrderContact>
{
    public void Configure(EntityTypeBuilder<WorkOrderContact> b)
    {
        b.Property(c => c.Version).IsConcurrencyToken();
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
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Product>().WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InstalledEquipment>().WithMany().HasForeignKey(i => i.EquipmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.Property(i => i.Version).IsConcurrencyToken();
        b.Property(i => i.Code).HasMaxLength(50);
        b.Ignore(i => i.IsDone);
        b.HasIndex(i => new { i.WorkOrderId, i.Position });
        b.HasOne<Staff>().WithMany().HasForeignKey(i => i.DoneById).OnDelete(DeleteBehavior.Restrict);
    }
}
