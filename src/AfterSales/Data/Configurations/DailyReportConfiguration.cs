using AfterSales.Domain.People;
using AfterSales.Domain.Reports;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class DailyReportConfiguration : IEntityTypeConfiguration<DailyReport>
{
    public void Configure(EntityTypeBuilder<DailyReport> b)
    {
        b.Property(r => r.Text).HasMaxLength(DailyReport.MaxTextLength);
        b.Property(r => r.GatewayId).HasMaxLength(DailyReport.MaxGatewayIdLength);
        b.Property(r => r.SenderPhone).HasMaxLength(DailyReport.MaxSenderLength);
        // The gateway may deliver a message twice: its id is stored once (null ids, pasted messages, do not collide).
        b.HasIndex(r => r.GatewayId).IsUnique();
        b.HasIndex(r => new { r.TechnicianId, r.Day });
        b.HasIndex(r => r.ReceivedAt);
        b.HasMany(r => r.Entries).WithOne(e => e.Report).HasForeignKey(e => e.DailyReportId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.EnteredById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DailyReportEntryConfiguration : IEntityTypeConfiguration<DailyReportEntry>
{
    public void Configure(EntityTypeBuilder<DailyReportEntry> b)
    {
        b.Property(e => e.Label).HasMaxLength(1);
        b.Property(e => e.Subject).HasMaxLength(DailyReportEntry.MaxFieldLength);
        b.Property(e => e.Place).HasMaxLength(DailyReportEntry.MaxFieldLength);
        b.Property(e => e.Equipment).HasMaxLength(DailyReportEntry.MaxFieldLength);
        b.Property(e => e.Phone).HasMaxLength(DailyReportEntry.MaxFieldLength);
        b.Property(e => e.Work).HasMaxLength(DailyReportEntry.MaxFieldLength);
        b.HasIndex(e => e.WorkOrderId);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(e => e.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DailyReportJudgementConfiguration : IEntityTypeConfiguration<DailyReportJudgement>
{
    public void Configure(EntityTypeBuilder<DailyReportJudgement> b)
    {
        b.Ignore(j => j.RaisesIncident);
        b.Ignore(j => j.IncidentKind);
        // One judgement per technician and day: a rerun or a second instance inserts nothing twice.
        b.HasIndex(j => new { j.TechnicianId, j.Day }).IsUnique();
        b.HasIndex(j => j.Day);
        b.HasOne<Staff>().WithMany().HasForeignKey(j => j.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DailyReport>().WithMany().HasForeignKey(j => j.DailyReportId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(j => j.Incident).WithMany().HasForeignKey(j => j.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
