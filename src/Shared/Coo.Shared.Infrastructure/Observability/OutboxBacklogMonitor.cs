using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>
/// Counts each module's waiting and parked outbox messages every <see cref="MetricsOptions.OutboxRefreshInterval"/>
/// for the <c>coo.outbox.*</c> gauges. The queries use the outbox's filtered indexes (waiting rows, parked rows), so
/// they stay cheap however many delivered rows the table keeps.
/// </summary>
internal sealed partial class OutboxBacklogMonitor(
    IServiceScopeFactory scopes,
    IEnumerable<ModuleDatabase> modules,
    OutboxBacklog backlog,
    MetricsOptions options,
    TimeProvider time,
    ILogger<OutboxBacklogMonitor> logger) : BackgroundService
{
    /// <summary>A backlog this large is an alarm whatever its exact size; counting further would cost a long scan.</summary>
    public const int PendingCountCap = 1_000_000;

    private readonly ModuleDatabase[] _modules = [.. modules];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.OutboxRefreshInterval, time);
        do
        {
            try
            {
                backlog.Update(await CountAsync(stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The gauges keep their last values; the database's health is reported by /health/ready.
                LogRefreshFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<ModuleOutboxCounts[]> CountAsync(CancellationToken cancellationToken)
    {
        var counts = new ModuleOutboxCounts[_modules.Length];
        for (var i = 0; i < _modules.Length; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(_modules[i].ContextType);
            var waiting = db.OutboxMessages.Where(m => m.RelayedAt == null && m.ParkedAt == null);
            var queued = db.InboxMessages.Where(m => m.ProcessedAt == null && m.ParkedAt == null);
            var pending = await waiting.Take(PendingCountCap).CountAsync(cancellationToken)
                + await queued.Take(PendingCountCap).CountAsync(cancellationToken);
            DateTimeOffset? oldest = null;
            if (pending > 0)
            {
                var oldestRelay = await waiting.OrderBy(m => m.OccurredAt).Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
                var oldestQueued = await queued.OrderBy(m => m.OccurredAt).Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
                oldest = oldestRelay is null || (oldestQueued is not null && oldestQueued < oldestRelay) ? oldestQueued : oldestRelay;
            }

            var parked = await db.OutboxMessages.CountAsync(m => m.ParkedAt != null, cancellationToken)
                + await db.InboxMessages.CountAsync(m => m.ParkedAt != null, cancellationToken);
            counts[i] = new ModuleOutboxCounts(_modules[i].Schema, pending, oldest, parked);
        }

        return counts;
    }

    [LoggerMessage(LogLevel.Warning, "Counting the outbox backlog for metrics failed; the gauges keep their last values")]
    private partial void LogRefreshFailed(Exception exception);
}
