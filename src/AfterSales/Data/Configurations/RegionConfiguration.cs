using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.Property(r => r.Code).HasMaxLength(20);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.City).HasMaxLength(100);
        b.HasIndex(r => r.Code).IsUnique();
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.ManagerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.DeputyManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
