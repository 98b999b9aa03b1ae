using AfterSales.Data;
using AfterSales.Domain.Messaging;
using AfterSales.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AfterSales.Features.Outbox;

/// <summary>
/// Sends the messages that are due, oldest first, each saved on its own so one bad message does not hold up the
/// rest. Safe with several app instances: a message is first claimed (a save guarded by its Version); the
/// instance that loses the race gets a concurrency conflict and leaves the message to the winner.
/// </summary>
public sealed class OutboxDispatcher(AppDbContext db, MessageSender sender, TimeProvider clock, IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log)
{
    /// <returns>How many messages were sent (failed attempts are not counted).</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= clock.GetUtcNow())
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(Math.Max(1, settings.BatchSize))
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await SendOneAsync(id, settings, cancellationToken)) sent++;
        }
        return sent;
    }

    private async Task<bool> SendOneAsync(int id, OutboxOptions settings, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var now = clock.GetUtcNow();
        if (message is null || message.State != OutboxState.Pending || message.NextAttemptAt > now) return false;

        message.Claim(now.AddSeconds(settings.ClaimSeconds));
        if (!await TrySaveAsync(message, "claim", cancellationToken)) return false;

        try
        {
            await sender.SendAsync(message, cancellationToken);
            message.MarkSent(clock.GetUtcNow());
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("Outbox message {Id} to {Phone} failed (attempt {Attempt}): {Error}", message.Id, message.Phone, message.Attempts + 1, e.Message);
            message.MarkFailed(clock.GetUtcNow(), e.Message, Math.Max(1, settings.MaxAttempts));
        }
        return await TrySaveAsync(message, "result", cancellationToken) && message.State == OutboxState.Sent;
    }

    private async Task<bool> TrySaveAsync(OutboxMessage message, string step, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance claimed it between our read and our save: it is theirs now.
            log.LogDebug("Outbox message {Id} taken by another instance ({Step}).", message.Id, step);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

/// <summary>Runs the dispatcher every <c>Outbox:IntervalSeconds</c> (on the app's clock) while the app is up.</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<OutboxOptions> options, ILogger<OutboxWorker> log)
    : PeriodicWorker(scopes, clock, log, options.Value.IntervalSeconds, "outbox")
{
    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var sent = await services.GetRequiredService<OutboxDispatcher>().SendDueAsync(ct);
        if (sent > 0) log.LogInformation("Outbox: {Count} message(s) sent.", sent);
    }
}
