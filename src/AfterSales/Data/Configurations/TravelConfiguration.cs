using AfterSales.Domain.Assessment;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.Travel;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class TripConfiguration : IEntityTypeConfiguration<Trip>
{
    public void Configure(EntityTypeBuilder<Trip> b)
    {
        b.Property(t => t.Destination).HasMaxLength(100);
        b.Property(t => t.Purpose).HasMaxLength(500);
        b.Property(t => t.HomeStation).HasMaxLength(50);
        b.Property(t => t.PerDiemPolicyVersion).HasMaxLength(20);
        b.Property(t => t.RejectReason).HasMaxLength(500);
        b.Ignore(t => t.IsEditable);
        b.Ignore(t => t.TicketsTotal);
        b.Ignore(t => t.ExpensesTotal);
        b.HasIndex(t => new { t.TravellerId, t.PlannedDepartAt });
        b.HasIndex(t => new { t.RegionId, t.State });
        b.HasIndex(t => t.ReturnedAt);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.TravellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(t => t.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.ManagerApprovedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.FinanceApprovedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.RejectedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Tickets).WithOne(x => x.Trip).HasForeignKey(x => x.TripId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Expenses).WithOne(x => x.Trip).HasForeignKey(x => x.TripId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Days).WithOne(x => x.Trip).HasForeignKey(x => x.TripId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.WorkOrders).WithOne(x => x.Trip).HasForeignKey(x => x.TripId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Tickets).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.Expenses).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.Days).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(t => t.WorkOrders).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TripTicketConfiguration : IEntityTypeConfiguration<TripTicket>
{
    public void Configure(EntityTypeBuilder<TripTicket> b)
    {
        b.Property(t => t.BoardingPlace).HasMaxLength(50);
        b.Property(t => t.ArrivalPlace).HasMaxLength(50);
        b.Property(t => t.PhotoType).HasMaxLength(40);
    }
}

internal sealed class TripExpenseConfiguration : IEntityTypeConfiguration<TripExpense>
{
    public void Configure(EntityTypeBuilder<TripExpense> b)
    {
        b.Property(e => e.Description).HasMaxLength(200);
        b.Property(e => e.ReceiptType).HasMaxLength(40);
        b.Property(e => e.FalseNote).HasMaxLength(500);
        b.Ignore(e => e.Reimbursed);
        b.HasOne<Staff>().WithMany().HasForeignKey(e => e.FoundFalseById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TripDayConfiguration : IEntityTypeConfiguration<TripDay>
{
    public void Configure(EntityTypeBuilder<TripDay> b)
    {
        b.HasIndex(d => new { d.TripId, d.Date }).IsUnique();
    }
}

internal sealed class TripWorkOrderConfiguration : IEntityTypeConfiguration<TripWorkOrder>
{
    public void Configure(EntityTypeBuilder<TripWorkOrder> b)
    {
        b.HasKey(w => new { w.TripId, w.WorkOrderId });
        b.HasIndex(w => w.WorkOrderId);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(w => w.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}
