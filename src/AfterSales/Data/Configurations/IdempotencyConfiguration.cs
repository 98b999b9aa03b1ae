using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Data.Configurations;

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.ToTable("IdempotentRequests");
        b.Property(r => r.Key).HasMaxLength(IdempotentRequest.MaxKeyLength);
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.Method).HasMaxLength(10);
        b.Property(r => r.Path).HasMaxLength(400);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(2000);
        // The first request with a key writes this row before it runs: a second one racing it cannot.
        b.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
    }
}
