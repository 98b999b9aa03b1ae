using AfterSales.Domain.People;
using AfterSales.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class TimeOffConfiguration : IEntityTypeConfiguration<TimeOff>
{
    public void Configure(EntityTypeBuilder<TimeOff> b)
    {
        b.ToTable("TimeOff");
        b.Property(t => t.Note).HasMaxLength(500);
        b.HasIndex(t => new { t.StaffId, t.FirstDay });
        b.HasIndex(t => t.LastDay);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkingHoursConfiguration : IEntityTypeConfiguration<WorkingHours>
{
    public void Configure(EntityTypeBuilder<WorkingHours> b)
    {
        b.ToTable("WorkingHours");
        b.Ignore(w => w.IsOff);
        b.HasIndex(w => new { w.StaffId, w.Day }).IsUnique();
        b.HasOne<Staff>().WithMany().HasForeignKey(w => w.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TechnicianSkillConfiguration : IEntityTypeConfiguration<TechnicianSkill>
{
    public void Configure(EntityTypeBuilder<TechnicianSkill> b)
    {
        b.Property(s => s.Name).HasMaxLength(TechnicianSkill.MaxLength);
        b.HasIndex(s => new { s.StaffId, s.Name }).IsUnique();
        b.HasIndex(s => s.Name);
        b.HasOne<Staff>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}
