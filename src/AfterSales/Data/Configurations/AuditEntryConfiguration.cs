using AfterSales.Domain.Audit;
using AfterSales.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Actor).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => a.Sequence).IsUnique();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.Culture).HasMaxLength(10);
        b.HasIndex(u => u.StaffId).IsUnique();
        b.HasOne(u => u.Staff).WithMany().HasForeignKey(u => u.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
