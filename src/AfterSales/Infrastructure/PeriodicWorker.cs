using AfterSales.Data;

namespace AfterSales.Infrastructure;

/// <summary>
/// A job the running app repeats every <paramref name="intervalSeconds"/> on the app's clock (0 turns it off: tests),
/// each round in its own scope with its changes audited as <paramref name="actor"/>. A failed round is logged and the
/// next one tries again: the database may be down for a moment. The jobs themselves are safe to run on several instances.
/// </summary>
public abstract class PeriodicWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger log, int intervalSeconds, string actor) : BackgroundService
{
    /// <summary>One round, with the round's scoped services.</summary>
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (intervalSeconds <= 0) return;
        AppMetrics metrics;
        using (var root = scopes.CreateScope()) metrics = root.ServiceProvider.GetRequiredService<AppMetrics>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AuditActor>().Name = actor;
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                metrics.JobRan(actor, ok: true);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                metrics.JobRan(actor, ok: false);
                log.LogError(e, "The {Actor} job failed; the next round tries again.", actor);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(intervalSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
