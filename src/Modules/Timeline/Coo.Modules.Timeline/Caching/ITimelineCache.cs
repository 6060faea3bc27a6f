using Coo.Modules.Timeline.Contracts;

namespace Coo.Modules.Timeline.Caching;

/// <summary>
/// A copy of the newest entries of home timelines, kept beside the database (the source of truth), which rebuilds a
/// missing copy on its first read. Every member returns normally when the cache cannot be reached; writes say whether
/// they were made, so that the durable <see cref="TimelineCacheSyncHandler"/> can retry them until they are.
/// </summary>
internal interface ITimelineCache
{
    /// <summary>
    /// Whether the copies outlive this process and are shared with other instances (Redis): then every change reaches
    /// them through a durable event (<see cref="TimelineCacheSync"/>), otherwise right after its commit.
    /// </summary>
    bool SharedAcrossInstances { get; }

    /// <summary>Up to <paramref name="limit"/> items below <paramref name="beforePosition"/>, newest first.</summary>
    Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforePosition, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a timeline read from the database after a miss, unless it changed since the miss (then the next read
    /// rebuilds it again). <paramref name="reachesBottom"/>: the items are the whole timeline, nothing older exists.
    /// </summary>
    Task<bool> FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<TimelineItem> newest, bool reachesBottom, CancellationToken cancellationToken);

    /// <summary>
    /// Adds each coo in its own right to those of its owners' timelines that are cached (never as a repost: a change of
    /// a repost entry is <see cref="ForgetAsync"/>); call after the entries are committed. All the coos of a fan-out in
    /// one call, so that they cost one round trip and one invalidation, not one each.
    /// </summary>
    Task<bool> AddAsync(IReadOnlyCollection<AddedCoo> coos, CancellationToken cancellationToken);

    /// <summary>Takes a coo in its own right off the owners' cached timelines; call after the removal is committed.</summary>
    Task<bool> RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken);

    /// <summary>Drops the owners' cached timelines, to be rebuilt on their next read; call after the change is committed.</summary>
    Task<bool> ForgetAsync(IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken);
}

/// <summary>What the cache could tell: a hit, a miss to rebuild with the ticket, or nothing (cache unreachable).</summary>
internal sealed record CachedTimelineRead(IReadOnlyList<TimelineItem>? Items, bool ReachesBottom, TimelineRebuildTicket? Ticket)
{
    public static readonly CachedTimelineRead Unavailable = new(null, false, null);
}

/// <summary>Identifies one rebuild: it may fill the cache only if nothing changed the timeline since it started.</summary>
internal sealed record TimelineRebuildTicket(long OwnerId, long Generation);
