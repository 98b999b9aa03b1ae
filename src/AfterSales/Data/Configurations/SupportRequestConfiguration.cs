using AfterSales.Domain.People;
using AfterSales.Domain.WorkOrders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class SupportRequestConfiguration : IEntityTypeConfiguration<SupportRequest>
{
    public void Configure(EntityTypeBuilder<SupportRequest> b)
    {
        b.Ignore(r => r.IsOpen);
        b.Property(r => r.Question).HasMaxLength(SupportRequest.MaxQuestionLength);
        b.Property(r => r.Answer).HasMaxLength(SupportRequest.MaxAnswerLength);
        b.Property(r => r.CancelReason).HasMaxLength(500);
        b.HasIndex(r => new { r.WorkOrderId, r.RaisedAt });
        b.HasIndex(r => new { r.State, r.RaisedAt });
        b.HasIndex(r => r.AssignedToId);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(r => r.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.RaisedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.AnsweredById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff>().WithMany().HasForeignKey(r => r.ClosedById).OnDelete(DeleteBehavior.Restrict);
    }
}
