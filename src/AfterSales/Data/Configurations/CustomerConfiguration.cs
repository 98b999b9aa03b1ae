using AfterSales.Domain.Customers;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.Code).HasMaxLength(20);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Phone).HasMaxLength(20);
        b.Property(c => c.SoldBy).HasMaxLength(100);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => c.RegionId);
        b.HasIndex(c => c.TechnicianId);
        b.HasOne<Region>().WithMany().HasForeignKey(c => c.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Sites).WithOne(s => s.Customer).HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Sites).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.Property(s => s.Name).HasMaxLength(100);
        b.Property(s => s.City).HasMaxLength(50);
        b.Property(s => s.Address).HasMaxLength(300);
        b.Property(s => s.Latitude).HasPrecision(9, 6);
        b.Property(s => s.Longitude).HasPrecision(9, 6);
        b.HasMany(s => s.Contacts).WithOne(c => c.Site).HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SiteContactConfiguration : IEntityTypeConfiguration<SiteContact>
{
    public void Configure(EntityTypeBuilder<SiteContact> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Phone).HasMaxLength(20);
    }
}
