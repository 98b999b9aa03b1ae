using AfterSales.Domain.Dispatch;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class DispatchProposalConfiguration : IEntityTypeConfiguration<DispatchProposal>
{
    public void Configure(EntityTypeBuilder<DispatchProposal> b)
    {
        b.Property(p => p.CreatedBy).HasMaxLength(100);
        b.HasIndex(p => new { p.RegionId, p.Day });
        // The overnight run inserts one proposal per region and day; a second instance's insert fails here.
        b.HasIndex(p => new { p.RegionId, p.OvernightDay }).IsUnique();
        b.HasOne<Region>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Lines).WithOne(l => l.Proposal).HasForeignKey(l => l.ProposalId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DispatchProposalLineConfiguration : IEntityTypeConfiguration<DispatchProposalLine>
{
    public void Configure(EntityTypeBuilder<DispatchProposalLine> b)
    {
        b.HasIndex(l => new { l.ProposalId, l.WorkOrderId }).IsUnique();
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(l => l.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff>().WithMany().HasForeignKey(l => l.TechnicianId).OnDelete(DeleteBehavior.Restrict);
    }
}
