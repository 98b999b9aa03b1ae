using AfterSales.Domain.Customers;
using AfterSales.Domain.Organization;
using AfterSales.Domain.People;
using AfterSales.Domain.Safety;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class SafetyAgreementConfiguration : IEntityTypeConfiguration<SafetyAgreement>
{
    public void Configure(EntityTypeBuilder<SafetyAgreement> b)
    {
        b.Property(a => a.FileName).HasMaxLength(SafetyAgreement.MaxFileNameLength);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.Note).HasMaxLength(SafetyAgreement.MaxNoteLength);
        b.HasIndex(a => new { a.SiteId, a.ValidUntil });
        b.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(a => a.RecordedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PermitTemplateConfiguration : IEntityTypeConfiguration<PermitTemplate>
{
    public void Configure(EntityTypeBuilder<PermitTemplate> b)
    {
        b.Property(t => t.Name).HasMaxLength(PermitTemplate.MaxNameLength);
        b.Property(t => t.EquipmentKinds).HasMaxLength(PermitTemplate.MaxKindsLength);
        b.Ignore(t => t.Kinds);
        b.HasMany(t => t.Steps).WithOne(s => s.Template).HasForeignKey(s => s.TemplateId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PermitTemplateStepConfiguration : IEntityTypeConfiguration<PermitTemplateStep>
{
    public void Configure(EntityTypeBuilder<PermitTemplateStep> b)
    {
        b.Property(s => s.Title).HasMaxLength(PermitTemplateStep.MaxTitleLength);
    }
}

internal sealed class PermitToWorkConfiguration : IEntityTypeConfiguration<PermitToWork>
{
    public void Configure(EntityTypeBuilder<PermitToWork> b)
    {
        b.Property(p => p.TemplateName).HasMaxLength(PermitTemplate.MaxNameLength);
        b.Property(p => p.WasteOilNote).HasMaxLength(PermitToWork.MaxNoteLength);
        b.Ignore(p => p.State);
        b.Ignore(p => p.NextStep);
        b.Ignore(p => p.WorkMayStart);
        b.Property(p => p.InterruptedReason).HasMaxLength(PermitToWork.MaxNoteLength);
        // A permit per visit: a job may have several, but one open at a time.
        b.HasIndex(p => p.WorkOrderId).IsUnique().HasFilter("\"FinishedAt\" IS NULL");
        b.HasIndex(p => new { p.RegionId, p.FinishedAt });
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(p => p.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PermitTemplate>().WithMany().HasForeignKey(p => p.TemplateId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Steps).WithOne(s => s.Permit).HasForeignKey(s => s.PermitId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PermitStepConfiguration : IEntityTypeConfiguration<PermitStep>
{
    public void Configure(EntityTypeBuilder<PermitStep> b)
    {
        b.Property(s => s.Title).HasMaxLength(PermitTemplateStep.MaxTitleLength);
        b.Property(s => s.Note).HasMaxLength(PermitToWork.MaxNoteLength);
        b.HasOne<Staff>().WithMany().HasForeignKey(s => s.DoneById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Photo).WithMany().HasForeignKey(s => s.PhotoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SafetyViolationConfiguration : IEntityTypeConfiguration<SafetyViolation>
{
    public void Configure(EntityTypeBuilder<SafetyViolation> b)
    {
        b.Property(v => v.Description).HasMaxLength(SafetyViolation.MaxTextLength);
        b.Property(v => v.ReportedBy).HasMaxLength(SafetyViolation.MaxReporterLength);
        b.Property(v => v.ReportFileName).HasMaxLength(SafetyAgreement.MaxFileNameLength);
        b.Property(v => v.ReportContentType).HasMaxLength(100);
        b.HasIndex(v => new { v.TechnicianId, v.At });
        b.HasIndex(v => v.SiteId);
        b.HasOne<Site>().WithMany().HasForeignKey(v => v.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(v => v.TechnicianId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(v => v.WorkOrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Incident).WithMany().HasForeignKey(v => v.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}
