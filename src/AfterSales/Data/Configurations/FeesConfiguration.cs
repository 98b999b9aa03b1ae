using AfterSales.Domain.Fees;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> b)
    {
        b.Property(r => r.Number).HasMaxLength(30);
        b.Property(r => r.Series).HasMaxLength(20);
        b.HasIndex(r => r.Number).IsUnique();
        b.HasIndex(r => new { r.Series, r.Year, r.Sequence }).IsUnique();
        b.HasIndex(r => new { r.TechnicianId, r.SignedOn });
        b.HasIndex(r => new { r.RegionId, r.State });
        b.HasIndex(r => r.WorkOrderId);
        b.Property(r => r.SignedByName).HasMaxLength(50);
        b.Property(r => r.VoidReason).HasMaxLength(500);
        b.Ignore(r => r.IsCashCollected);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(r => r.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.VoidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Lines).WithOne(l => l.Receipt).HasForeignKey(l => l.ReceiptId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReceiptLineConfiguration : IEntityTypeConfiguration<ReceiptLine>
{
    public void Configure(EntityTypeBuilder<ReceiptLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(200);
        b.Property(l => l.Quantity).HasPrecision(12, 3);
        b.Property(l => l.UnitPrice).HasPrecision(18, 2);
        b.Property(l => l.LineTotal).HasPrecision(18, 2);
        b.HasOne<Domain.Catalog.Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Inventory.StockItem>().WithMany().HasForeignKey(l => l.StockItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReceiptCounterConfiguration : IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<ReceiptCounter> b)
    {
        b.HasKey(c => new { c.Series, c.Year });
        b.Property(c => c.Series).HasMaxLength(20);
    }
}

internal sealed class CashHandInConfiguration : IEntityTypeConfiguration<CashHandIn>
{
    public void Configure(EntityTypeBuilder<CashHandIn> b)
    {
        b.Property(h => h.Note).HasMaxLength(500);
        b.Ignore(h => h.IsConfirmed);
        b.Ignore(h => h.Billed);
        b.HasIndex(h => new { h.TechnicianId, h.Day });
        b.HasIndex(h => new { h.RegionId, h.Day });
        b.HasOne<Staff>().WithMany().HasForeignKey(h => h.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(h => h.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(h => h.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(h => h.ReceivedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Receipts).WithOne(r => r.HandIn).HasForeignKey(r => r.HandInId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(h => h.Receipts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CashHandInReceiptConfiguration : IEntityTypeConfiguration<CashHandInReceipt>
{
    public void Configure(EntityTypeBuilder<CashHandInReceipt> b)
    {
        // A receipt's money is handed in once.
        b.HasIndex(r => r.ReceiptId).IsUnique();
        b.HasOne<Receipt>().WithMany().HasForeignKey(r => r.ReceiptId).OnDelete(DeleteBehavior.Restrict);
    }
}
