using AfterSales.Data;
using AfterSales.Domain;
using AfterSales.Domain.Messaging;
using AfterSales.Features.Shared;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Features.Outbox;

public sealed record OutboxMessageDto(int Id, RecipientKind RecipientKind, string RecipientName, string Phone, string Topic, string Body,
    DateTimeOffset CreatedAt, OutboxState State, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError,
    string? RelatedType, int? RelatedId);

/// <summary>Filters of the outbox list. <see cref="From"/> and <see cref="To"/> are the site's local dates, both included.</summary>
// Properties, not a positional record: the compile-time request delegate generator cannot bind
// [AsParameters] constructors with nullable reference types.
public sealed record OutboxFilter
{
    public string? Q { get; init; }
    public OutboxState? State { get; init; }
    public string? Topic { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

public sealed record SendDueResult(int Sent);

/// <summary>What the outbox page and API share: the filtered list and "send again".</summary>
public sealed class OutboxService(AppDbContext db, TimeProvider clock, LocalTime local)
{
    public Task<Paged<OutboxMessageDto>> ListAsync(OutboxFilter filter, int page, int pageSize = Paged<OutboxMessageDto>.DefaultPageSize)
    {
        var messages = db.Outbox.AsNoTracking();
        if (filter.State is { } state) messages = messages.Where(m => m.State == state);
        if (!string.IsNullOrWhiteSpace(filter.Topic)) messages = messages.Where(m => m.Topic == filter.Topic.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim();
            messages = messages.Where(m => m.Phone.Contains(q) || m.RecipientName.Contains(q) || m.Body.Contains(q));
        }
        if (filter.From is { } from)
        {
            var start = StartOf(from);
            messages = messages.Where(m => m.CreatedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            messages = messages.Where(m => m.CreatedAt < end);
        }
        return Paged<OutboxMessageDto>.FromAsync(messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m =>
            new OutboxMessageDto(m.Id, m.RecipientKind, m.RecipientName, m.Phone, m.Topic, m.Body, m.CreatedAt, m.State, m.Attempts,
                m.NextAttemptAt, m.SentAt, m.LastError, m.RelatedType, m.RelatedId)), page, pageSize);
    }

    public async Task<OutboxMessageDto> GetAsync(int id) =>
        await db.Outbox.AsNoTracking().Where(m => m.Id == id).Select(m =>
            new OutboxMessageDto(m.Id, m.RecipientKind, m.RecipientName, m.Phone, m.Topic, m.Body, m.CreatedAt, m.State, m.Attempts,
                m.NextAttemptAt, m.SentAt, m.LastError, m.RelatedType, m.RelatedId)).SingleOrDefaultAsync()
        ?? throw new NotFoundException();

    /// <summary>The topics seen so far, for the filter's drop-down.</summary>
    public Task<List<string>> TopicsAsync() => db.Outbox.AsNoTracking().Select(m => m.Topic).Distinct().OrderBy(t => t).ToListAsync();

    /// <summary>A failed message goes back to the queue, due now, with its attempts counted afresh.</summary>
    public async Task RetryAsync(int id)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id) ?? throw new NotFoundException();
        message.Retry(clock.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private DateTimeOffset StartOf(DateOnly date) => local.StartOf(date);
}
