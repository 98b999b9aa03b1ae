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

internal sealed class SkillLevelChangeConfiguration : IEntityTypeConfiguration<SkillLevelChange>
{
    public void Configure(EntityTypeBuilder<SkillLevelChange> b)
    {
        b.Property(c => c.Reason).HasMaxLength(Staff.MaxSkillReasonLength);
        b.Property(c => c.Rule).HasMaxLength(20);
        b.Property(c => c.Month).HasMaxLength(7);
        b.Property(c => c.PolicyVersion).HasMaxLength(40);
        b.HasIndex(c => new { c.StaffId, c.At });
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.ById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DepositEntryConfiguration : IEntityTypeConfiguration<DepositEntry>
{
    public void Configure(EntityTypeBuilder<DepositEntry> b)
    {
        b.Property(d => d.Rule).HasMaxLength(20);
        b.Property(d => d.PolicyVersion).HasMaxLength(40);
        b.Property(d => d.Reason).HasMaxLength(40);
        b.HasIndex(d => new { d.StaffId, d.At });
    }
}

internal sealed class ResignationConfiguration : IEntityTypeConfiguration<Resignation>
{
    public void Configure(EntityTypeBuilder<Resignation> b)
    {

        b.Property(r => r.Reason).HasMaxLength(Resignation.MaxReasonLength);
        b.Property(r => r.DecisionNote).HasMaxLength(Resignation.MaxNoteLength);
        b.Property(r => r.LeaverSignature).HasMaxLength(Resignation.MaxSignatureLength);
        b.Property(r => r.ManagerSignature).HasMaxLength(Resignation.MaxSignatureLength);
        b.HasIndex(r => new { r.StaffId, r.State });
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Items).WithOne(i => i.Resignation).HasForeignKey(i => i.ResignationId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(r => r.Items).HasField("_items");
    }
}

internal sealed class HandoverItemConfiguration : IEntityTypeConfiguration<HandoverItem>
{
    public void Configure(EntityTypeBuilder<HandoverItem> b)
    {
        b.Property(i => i.Description).HasMaxLength(HandoverItem.MaxDescriptionLength);
        b.Property(i => i.ReceiverSignature).HasMaxLength(Resignation.MaxSignatureLength);
        b.HasIndex(i => i.ToStaffId);
        b.HasOne<Staff>().WithMany().HasForeignKey(i => i.ToStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
