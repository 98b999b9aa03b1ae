using AfterSales.Domain.Customers;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class SalesLeadConfiguration : IEntityTypeConfiguration<SalesLead>
{
    public void Configure(EntityTypeBuilder<SalesLead> b)
    {
        b.Property(l => l.Version).IsConcurrencyToken();
        b.Property(l => l.Wants).HasMaxLength(SalesLead.MaxWantsLength);
        b.Property(l => l.OutcomeNote).HasMaxLength(SalesLead.MaxNoteLength);
        b.Property(l => l.RewardPolicyVersion).HasMaxLength(40);
        b.HasIndex(l => new { l.RegionId, l.State });
        b.HasIndex(l => l.RecordedById);
        // The month's statements read the rewards granted in it.
        b.HasIndex(l => l.RewardGrantedAt);
        b.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Site>().WithMany().HasForeignKey(l => l.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(l => l.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(l => l.RecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PolicyAcknowledgementConfiguration : IEntityTypeConfiguration<PolicyAcknowledgement>
{
    public void Configure(EntityTypeBuilder<PolicyAcknowledgement> b)
    {
        b.Property(a => a.PolicyVersion).HasMaxLength(40);
        // Once per person and version, whichever instance or double tap gets there first.
        b.HasIndex(a => new { a.StaffId, a.PolicyVersion }).IsUnique();
        b.HasOne<Staff>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
