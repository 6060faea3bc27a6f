using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Observability;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.Caching;

/// <summary>
/// Home timelines in this process's memory, for the embedded mode (one instance, so nothing to keep coherent across
/// instances): the newest <see cref="TimelineOptions.MaxEntries"/> items of each recently read timeline. Changes
/// are applied right after their commit (<see cref="TimelineCacheSync"/>); a copy lost with the process is rebuilt from
/// the database on its next read.
/// <para>
/// A rebuild cannot overwrite a newer change: every change of a timeline gives it a new stamp from one counter, and the
/// rebuilt items are stored only if the stamp is still the one its miss saw (a timeline evicted and read again starts
/// with a new stamp too).
/// </para>
/// </summary>
internal sealed class MemoryTimelineCache(IOptions<TimelineOptions> options, CooMetrics metrics) : ITimelineCache, IDisposable
{
    private static readonly Task<bool> Done = Task.FromResult(true);
    private readonly MemoryCache _timelines = new(new MemoryCacheOptions { SizeLimit = options.Value.InProcessTimelines });
    private readonly int _maxEntries = options.Value.MaxEntries;
    private long _stamps;

    public bool SharedAcrossInstances => false;

    public Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforePosition, int limit, CancellationToken cancellationToken)
    {
        var timeline = _timelines.GetOrCreate(ownerId, entry =>
        {
            entry.SlidingExpiration = options.Value.CacheTimeToLive;
            entry.Size = 1;
            return new CachedTimeline(NextStamp());
        })!;
        var (copy, stamp) = timeline.Read();
        if (copy is null)
        {
            metrics.TimelineCacheMiss();
            return Task.FromResult(new CachedTimelineRead(null, false, new TimelineRebuildTicket(ownerId, stamp)));
        }

        metrics.TimelineCacheHit();
        var start = beforePosition is { } before ? NewerCount(copy.Items, before) : 0;
        var items = copy.Items.AsSpan(start, Math.Min(limit, copy.Items.Length - start)).ToArray();
        return Task.FromResult(new CachedTimelineRead(items, copy.Whole, Ticket: null));
    }

    public Task<bool> FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<TimelineItem> newest, bool reachesBottom, CancellationToken cancellationToken)
    {
        if (_timelines.TryGetValue(ticket.OwnerId, out CachedTimeline? timeline))
        {
            timeline!.Fill(ticket.Generation, new Copy([.. newest], reachesBottom));
        }

        return Done;
    }

    public Task<bool> AddAsync(IReadOnlyCollection<AddedCoo> coos, CancellationToken cancellationToken)
    {
        foreach (var coo in coos)
        {
            Change(coo.OwnerIds, copy => WithCoo(copy, coo.CooId));
        }

        return Done;
    }

    public Task<bool> RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) =>
        Change(ownerIds, copy => Array.Exists(copy.Items, i => i.CooId == cooId) ? copy with { Items = [.. copy.Items.Where(i => i.CooId != cooId)] } : copy);

    public Task<bool> ForgetAsync(IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken) => Change(ownerIds, _ => null);

    public void Dispose() => _timelines.Dispose();

    private Task<bool> Change(IReadOnlyCollection<long> ownerIds, Func<Copy, Copy?> change)
    {
        foreach (var owner in ownerIds)
        {
            if (_timelines.TryGetValue(owner, out CachedTimeline? timeline))
            {
                timeline!.Change(NextStamp(), change);
            }
        }

        return Done;
    }

    private Copy WithCoo(Copy copy, long cooId)
    {
        if (Array.Exists(copy.Items, i => i.CooId == cooId))
        {
            return copy;
        }

        var at = NewerCount(copy.Items, cooId + 1);
        TimelineItem[] items = [.. copy.Items.AsSpan(0, at), TimelineItem.Original(cooId), .. copy.Items.AsSpan(at)];
        return items.Length > _maxEntries ? new Copy(items[.._maxEntries], Whole: false) : copy with { Items = items };
    }

    private long NextStamp() => Interlocked.Increment(ref _stamps);

    /// <summary>How many of the items (newest first) lie at or above <paramref name="position"/>, i.e. where one below it would go.</summary>
    private static int NewerCount(TimelineItem[] items, long position)
    {
        var (low, high) = (0, items.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = items[middle].Position >= position ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    /// <summary>A timeline's items, newest first, never changed in place; <see cref="Whole"/>: nothing older exists.</summary>
    private sealed record Copy(TimelineItem[] Items, bool Whole);

    private sealed class CachedTimeline(long stamp)
    {
        private readonly Lock _lock = new();
        private Copy? _copy;
        private long _stamp = stamp;

        public (Copy? Copy, long Stamp) Read()
        {
            lock (_lock)
            {
                return (_copy, _stamp);
            }
        }

        public void Fill(long stamp, Copy copy)
        {
            lock (_lock)
            {
                if (_stamp == stamp)
                {
                    _copy = copy;
                }
            }
        }

        public void Change(long stamp, Func<Copy, Copy?> change)
        {
            lock (_lock)
            {
                _stamp = stamp;
                _copy = _copy is null ? null : change(_copy);
            }
        }
    }
}
