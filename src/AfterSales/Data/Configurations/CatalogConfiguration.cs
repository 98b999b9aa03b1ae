using AfterSales.Domain.Catalog;
using AfterSales.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Code).HasMaxLength(40);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Category).HasMaxLength(100);
        b.Property(p => p.EquipmentKind).HasMaxLength(50);
        b.Property(p => p.Model).HasMaxLength(100);
        b.Property(p => p.Description).HasMaxLength(4000);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasMany(p => p.Files).WithOne(f => f.Product).HasForeignKey(f => f.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProductFileConfiguration : IEntityTypeConfiguration<ProductFile>
{
    public void Configure(EntityTypeBuilder<ProductFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(260);
        b.Property(f => f.ContentType).HasMaxLength(100);
    }
}

internal sealed class InstalledEquipmentConfiguration : IEntityTypeConfiguration<InstalledEquipment>
{
    public void Configure(EntityTypeBuilder<InstalledEquipment> b)
    {
        b.ToTable("Equipment");
        b.Property(e => e.SerialNumber).HasMaxLength(60);
        b.Property(e => e.Kind).HasMaxLength(50);
        b.Property(e => e.Model).HasMaxLength(100);
        b.HasIndex(e => e.SerialNumber).IsUnique();
        b.HasIndex(e => e.SiteId);
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Site>().WithMany().HasForeignKey(e => e.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
