using AfterSales.Domain.Callbacks;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> b)
    {
        b.Ignore(c => c.IsDone);
        b.Property(c => c.Notes).HasMaxLength(Callback.MaxNotesLength);
        // One entry per job and reason: a job drawn by sample and scored low is called once for each reason at most.
        b.HasIndex(c => new { c.WorkOrderId, c.Reason }).IsUnique();
        b.HasIndex(c => new { c.RegionId, c.CalledAt });
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.CalledById).OnDelete(DeleteBehavior.Restrict);
    }
}
