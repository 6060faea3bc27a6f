using System.Diagnostics.Metrics;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>
/// The latest counts of every module's outbox, refreshed by <see cref="OutboxBacklogMonitor"/> every few seconds:
/// a scrape reads this snapshot from memory and never queries the database.
/// </summary>
public sealed class OutboxBacklog(TimeProvider time)
{
    private volatile ModuleOutboxCounts[] _modules = [];

    internal void Update(ModuleOutboxCounts[] modules) => _modules = modules;

    internal IEnumerable<Measurement<long>> Pending() => _modules.Select(m => new Measurement<long>(m.Pending, ModuleTag(m)));

    internal IEnumerable<Measurement<long>> Parked() => _modules.Select(m => new Measurement<long>(m.Parked, ModuleTag(m)));

    /// <summary>Measured from the snapshot's oldest message to now, so the age keeps growing between refreshes.</summary>
    internal IEnumerable<Measurement<double>> OldestAge()
    {
        var now = time.GetUtcNow();
        return _modules.Select(m => new Measurement<double>(
            m.OldestPendingAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0,
            ModuleTag(m)));
    }

    private static KeyValuePair<string, object?> ModuleTag(ModuleOutboxCounts counts) => new("module", counts.Module);
}

/// <param name="Module">The module's schema name (users, coos, follows, timeline).</param>
/// <param name="Pending">Undelivered, not parked messages, counted up to <see cref="OutboxBacklogMonitor.PendingCountCap"/>.</param>
internal sealed record ModuleOutboxCounts(string Module, long Pending, DateTimeOffset? OldestPendingAt, long Parked);
