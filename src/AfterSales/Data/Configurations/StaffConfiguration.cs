using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class StaffConfiguration : IEntityTypeConfiguration<Staff>
{
    public void Configure(EntityTypeBuilder<Staff> b)
    {
        b.Property(s => s.StaffNumber).HasMaxLength(20);
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.Phone).HasMaxLength(20);
        b.HasMany(s => s.SkillLevelChanges).WithOne(c => c.Staff).HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(s => s.SkillLevelChanges).HasField("_skillLevelChanges");
        b.HasMany(s => s.Deposits).WithOne(d => d.Staff).HasForeignKey(d => d.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(s => s.Deposits).HasField("_deposits");
        b.Property(s => s.HomeLatitude).HasPrecision(9, 6);
        b.Property(s => s.HomeLongitude).HasPrecision(9, 6);
        b.HasIndex(s => s.StaffNumber).IsUnique();
        b.HasIndex(s => s.Phone).IsUnique();
        b.HasIndex(s => new { s.RegionId, s.Role });
        b.HasOne<Region>().WithMany().HasForeignKey(s => s.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(s => s.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
