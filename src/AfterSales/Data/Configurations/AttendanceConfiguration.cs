using AfterSales.Domain.Attendance;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> b)
    {
        b.ToTable("Positions");
        b.HasIndex(p => new { p.StaffId, p.At });
        b.HasOne<Staff>().WithMany().HasForeignKey(p => p.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SpecialCaseConfiguration : IEntityTypeConfiguration<SpecialCase>
{
    public void Configure(EntityTypeBuilder<SpecialCase> b)
    {
        b.ToTable("SpecialCases");
        b.Property(c => c.Reason).HasMaxLength(SpecialCase.MaxReason);
        b.HasIndex(c => new { c.StaffId, c.From });
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.RecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PhoneEventConfiguration : IEntityTypeConfiguration<PhoneEvent>
{
    public void Configure(EntityTypeBuilder<PhoneEvent> b)
    {
        b.ToTable("PhoneEvents");
        b.Property(e => e.Note).HasMaxLength(PhoneEvent.MaxNote);
        b.Ignore(e => e.AwaitsRestoration);
        b.HasIndex(e => new { e.StaffId, e.At });
        b.HasIndex(e => e.IncidentId).IsUnique();
        b.HasOne<Staff>().WithMany().HasForeignKey(e => e.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(e => e.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Incident).WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LocationAnomalyConfiguration : IEntityTypeConfiguration<LocationAnomaly>
{
    public void Configure(EntityTypeBuilder<LocationAnomaly> b)
    {
        b.ToTable("LocationAnomalies");
        b.Property(a => a.Key).HasMaxLength(100);
        b.HasIndex(a => a.Key).IsUnique();
        b.HasIndex(a => new { a.StaffId, a.At });
        b.Ignore(a => a.Waived);
        b.HasOne<Staff>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SpecialCase>().WithMany().HasForeignKey(a => a.SpecialCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Incident).WithMany().HasForeignKey(a => a.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
