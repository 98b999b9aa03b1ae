using AfterSales.Domain.Assessment;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> b)
    {
        b.HasIndex(v => v.Number).IsUnique();
        b.Property(v => v.Name).HasMaxLength(200);
        b.Property(v => v.DecisionNote).HasMaxLength(1000);
        b.HasIndex(v => new { v.State, v.EffectiveFrom });
        b.Ignore(v => v.Label);
        b.HasOne<Staff>().WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(v => v.DecidedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.Property(i => i.Kind).HasMaxLength(40);
        b.Property(i => i.Description).HasMaxLength(2000);
        b.Property(i => i.WaiverReason).HasMaxLength(500);
        b.Property(i => i.EquipmentKind).HasMaxLength(100);
        b.Property(i => i.Cause).HasMaxLength(200);
        b.Property(i => i.RepairClass).HasMaxLength(20);
        b.Property(i => i.Source).HasMaxLength(40);
        b.Property(i => i.AppealReason).HasMaxLength(2000);
        b.Property(i => i.AppealDecisionNote).HasMaxLength(2000);
        b.Ignore(i => i.Number);
        b.Ignore(i => i.IsReversed);
        b.HasIndex(i => new { i.PersonId, i.At });
        b.HasIndex(i => new { i.RegionId, i.At });
        b.HasIndex(i => i.At);
        b.HasIndex(i => i.State);
        // A close looks for late incidents of closed months among those recorded since the last close (StatementService).
        b.HasIndex(i => i.RecordedAt);
        b.HasOne<Staff>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(i => i.ManagerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(i => i.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(i => i.AppealDecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(i => i.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.WorkOrders.WorkOrder>().WithMany().HasForeignKey(i => i.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Catalog.InstalledEquipment>().WithMany().HasForeignKey(i => i.EquipmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Files).WithOne(f => f.Incident).HasForeignKey(f => f.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(i => i.Files).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IncidentFileConfiguration : IEntityTypeConfiguration<IncidentFile>
{
    public void Configure(EntityTypeBuilder<IncidentFile> b)
    {
        b.Property(f => f.Name).HasMaxLength(200);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.HasOne<Staff>().WithMany().HasForeignKey(f => f.AddedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MonthCloseConfiguration : IEntityTypeConfiguration<MonthClose>
{
    public void Configure(EntityTypeBuilder<MonthClose> b)
    {
        // One close per month: a second one, from any instance, fails here and changes nothing.
        b.HasIndex(c => new { c.Year, c.Month }).IsUnique();
        b.Ignore(c => c.Text);
        b.HasOne<Staff>().WithMany().HasForeignKey(c => c.ClosedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatementLineConfiguration : IEntityTypeConfiguration<StatementLine>
{
    public void Configure(EntityTypeBuilder<StatementLine> b)
    {
        b.Property(l => l.Rule).HasMaxLength(20);
        b.Property(l => l.PolicyVersion).HasMaxLength(40);
        b.Property(l => l.Kind).HasMaxLength(40);
        b.Property(l => l.Reason).HasMaxLength(2000);
        b.Property(l => l.Flags).HasMaxLength(200);
        // The key and index are each engine's (AppDbContext's subclasses): one index serves both ways lines are found,
        // a person's month (statements) and an incident's lines through its person (or their manager, for a co-penalty),
        // among that person's few thousand.
        // No foreign keys to Staff and Incidents: a close appends a million lines whose ids it has just read in the same
        // transaction, staff and incidents are never deleted, and on PostgreSQL each key check locks the parent row
        // (two per line, ~17 s per million lines, docs/assessment-benchmark.md). The ledger is append-only by trigger.
    }
}

internal sealed class MonthStatementConfiguration : IEntityTypeConfiguration<MonthStatement>
{
    public void Configure(EntityTypeBuilder<MonthStatement> b)
    {
        b.HasIndex(s => new { s.Year, s.Month, s.StaffId }).IsUnique();
        b.Property(s => s.Flags).HasMaxLength(200);
        b.HasOne<Staff>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
