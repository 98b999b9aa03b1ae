using AfterSales.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.RecipientName).HasMaxLength(100);
        b.Property(m => m.Phone).HasMaxLength(30);
        b.Property(m => m.Topic).HasMaxLength(60);
        b.Property(m => m.Body).HasMaxLength(OutboxMessage.MaxBodyLength);
        b.Property(m => m.RelatedType).HasMaxLength(60);
        b.Property(m => m.LastError).HasMaxLength(500);
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        b.HasIndex(m => new { m.RelatedType, m.RelatedId });
    }
}
