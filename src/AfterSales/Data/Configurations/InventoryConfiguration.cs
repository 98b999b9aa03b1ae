using AfterSales.Domain.Catalog;
using AfterSales.Domain.Inventory;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class StockItemConfiguration : IEntityTypeConfiguration<StockItem>
{
    public void Configure(EntityTypeBuilder<StockItem> b)
    {
        b.Property(i => i.Code).HasMaxLength(StockItem.CodeMaxLength);
        b.HasIndex(i => i.Code).IsUnique();
        b.Property(i => i.Name).HasMaxLength(StockItem.NameMaxLength);
        b.Property(i => i.Unit).HasMaxLength(StockItem.UnitMaxLength);
        b.Ignore(i => i.MustBeReturned);
    }
}

internal sealed class StockLocationConfiguration : IEntityTypeConfiguration<StockLocation>
{
    public void Configure(EntityTypeBuilder<StockLocation> b)
    {
        b.Property(l => l.Name).HasMaxLength(100);
        b.HasIndex(l => l.TechnicianId).IsUnique();
        b.HasIndex(l => new { l.RegionId, l.Kind });
        b.HasOne<Region>().WithMany().HasForeignKey(l => l.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(l => l.TechnicianId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        // Append-only (a trigger refuses updates and deletes): the version never moves.
        b.Property(m => m.Note).HasMaxLength(500);
        b.HasIndex(m => new { m.FromLocationId, m.ItemId });
        b.HasIndex(m => new { m.ToLocationId, m.ItemId });
        b.HasIndex(m => m.WorkOrderId);
        b.HasIndex(m => m.At);
        b.HasOne<StockItem>().WithMany().HasForeignKey(m => m.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(m => m.FromLocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StockLocation>().WithMany().HasForeignKey(m => m.ToLocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(m => m.ById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(m => m.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Stocktake>().WithMany().HasForeignKey(m => m.StocktakeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Incident).WithMany().HasForeignKey(m => m.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartReturnConfiguration : IEntityTypeConfiguration<PartReturn>
{
    public void Configure(EntityTypeBuilder<PartReturn> b)
    {
        b.Property(p => p.Note).HasMaxLength(500);
        b.Property(p => p.Carrier).HasMaxLength(50);
        b.Property(p => p.TrackingNumber).HasMaxLength(50);
        b.Property(p => p.ReceivedNote).HasMaxLength(500);
        b.Property(p => p.PoliceStation).HasMaxLength(100);
        b.Property(p => p.PoliceOfficerNumber).HasMaxLength(30);
        b.Property(p => p.PoliceReportName).HasMaxLength(200);
        b.Property(p => p.PoliceReportType).HasMaxLength(100);
        b.HasIndex(p => new { p.State, p.DueOn });
        b.HasIndex(p => p.TechnicianId);
        // One incident per return: a second run of the overdue job cannot charge it twice.
        b.HasIndex(p => p.IncidentId).IsUnique();
        b.HasOne<StockItem>().WithMany().HasForeignKey(p => p.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(p => p.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(p => p.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(p => p.ReceivedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Incident).WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GoodsCheckConfiguration : IEntityTypeConfiguration<GoodsCheck>
{
    public void Configure(EntityTypeBuilder<GoodsCheck> b)
    {
        b.HasIndex(g => g.WorkOrderId).IsUnique();
        b.Ignore(g => g.HasOpenProblem);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(g => g.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(g => g.CheckedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(g => g.LoadedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.Lines).WithOne(l => l.Check).HasForeignKey(l => l.GoodsCheckId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(g => g.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GoodsCheckLineConfiguration : IEntityTypeConfiguration<GoodsCheckLine>
{
    public void Configure(EntityTypeBuilder<GoodsCheckLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(200);
        b.Property(l => l.Note).HasMaxLength(500);
        b.Property(l => l.Resolution).HasMaxLength(500);
        b.Ignore(l => l.IsProblem);
        b.HasOne<Product>().WithMany().HasForeignKey(l => l.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StocktakeConfiguration : IEntityTypeConfiguration<Stocktake>
{
    public void Configure(EntityTypeBuilder<Stocktake> b)
    {
        b.HasIndex(s => new { s.LocationId, s.State });
        b.HasOne<StockLocation>().WithMany().HasForeignKey(s => s.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(s => s.StartedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(s => s.ApprovedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Lines).WithOne(l => l.Stocktake).HasForeignKey(l => l.StocktakeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StocktakeLineConfiguration : IEntityTypeConfiguration<StocktakeLine>
{
    public void Configure(EntityTypeBuilder<StocktakeLine> b)
    {
        b.HasIndex(l => new { l.StocktakeId, l.ItemId }).IsUnique();
        b.HasOne<StockItem>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
