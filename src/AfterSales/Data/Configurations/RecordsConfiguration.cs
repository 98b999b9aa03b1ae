using AfterSales.Domain.People;
using AfterSales.Domain.Records;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> b)
    {
        b.ToTable("ServiceRecords");
        b.Ignore(r => r.Number);
        b.Ignore(r => r.IsSigned);
        b.Property(r => r.WorkOrderNumber).HasMaxLength(20);
        b.Property(r => r.TechnicianName).HasMaxLength(100);
        b.Property(r => r.CustomerName).HasMaxLength(200);
        b.Property(r => r.CustomerPhone).HasMaxLength(30);
        b.Property(r => r.SiteAddress).HasMaxLength(500);
        b.Property(r => r.WorkDone).HasMaxLength(ServiceRecord.MaxTextLength);
        b.Property(r => r.ConstructionSchedule).HasMaxLength(ServiceRecord.MaxShortLength * 2);
        b.Property(r => r.Remarks).HasMaxLength(ServiceRecord.MaxTextLength);
        b.Property(r => r.SignerName).HasMaxLength(100);
        b.Property(r => r.ContentHash).HasMaxLength(64);
        b.HasIndex(r => r.WorkOrderId).IsUnique();
        b.HasIndex(r => new { r.RegionId, r.SignedAt });
        b.HasIndex(r => r.TechnicianId);
        // The records list, newest first: walked in index order until a page of visible ones is found.
        b.HasIndex(r => new { r.CreatedAt, r.Id });
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(r => r.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Visit>().WithMany().HasForeignKey(r => r.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Lines).WithOne(l => l.Record).HasForeignKey(l => l.RecordId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RecordLineConfiguration : IEntityTypeConfiguration<RecordLine>
{
    public void Configure(EntityTypeBuilder<RecordLine> b)
    {
        b.ToTable("RecordLines");
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.Unit).HasMaxLength(40);
        b.Property(l => l.Note).HasMaxLength(2000);
        b.Property(l => l.Value).HasPrecision(18, 3);
        b.HasIndex(l => new { l.RecordId, l.Position });
    }
}

internal sealed class RecordAmendmentConfiguration : IEntityTypeConfiguration<RecordAmendment>
{
    public void Configure(EntityTypeBuilder<RecordAmendment> b)
    {
        b.ToTable("RecordAmendments");
        b.Property(a => a.Text).HasMaxLength(ServiceRecord.MaxTextLength);
        b.Property(a => a.ByName).HasMaxLength(100);
        b.HasIndex(a => a.RecordId);
        b.HasOne<ServiceRecord>().WithMany().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RecordSurveyConfiguration : IEntityTypeConfiguration<RecordSurvey>
{
    public void Configure(EntityTypeBuilder<RecordSurvey> b)
    {
        b.ToTable("RecordSurveys");
        b.Property(s => s.Comments).HasMaxLength(RecordSurvey.MaxCommentsLength);
        b.HasIndex(s => s.RecordId).IsUnique();
        b.HasOne<ServiceRecord>().WithMany().HasForeignKey(s => s.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RecordAcknowledgementConfiguration : IEntityTypeConfiguration<RecordAcknowledgement>
{
    public void Configure(EntityTypeBuilder<RecordAcknowledgement> b)
    {
        b.ToTable("RecordAcknowledgements");
        b.HasIndex(a => a.RecordId).IsUnique();
        b.HasOne<ServiceRecord>().WithMany().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(a => a.ById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RecordLinkConfiguration : IEntityTypeConfiguration<RecordLink>
{
    public void Configure(EntityTypeBuilder<RecordLink> b)
    {
        b.ToTable("RecordLinks");
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.RecordId);
        b.HasOne<ServiceRecord>().WithMany().HasForeignKey(l => l.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}
