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

    /// <summary>Up to <paramref name="limit"/> ids older than <paramref name="beforeCooId"/>, newest first.</summary>
    Task<CachedTimelineRead> ReadAsync(long ownerId, long? beforeCooId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a timeline read from the database after a miss, unless it changed since the miss (then the next read
    /// rebuilds it again). <paramref name="reachesBottom"/>: the ids are the whole timeline, nothing older exists.
    /// </summary>
    Task<bool> FillAsync(TimelineRebuildTicket ticket, IReadOnlyList<long> newestCooIds, bool reachesBottom, CancellationToken cancellationToken);

    /// <summary>Adds a coo to those of the owners' timelines that are cached; call after the entries are committed.</summary>
    Task<bool> AddAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken);

    /// <summary>Takes a coo off the owners' cached timelines; call after the removal is committed.</summary>
    Task<bool> RemoveAsync(long cooId, IReadOnlyCollection<long> ownerIds, CancellationToken cancellationToken);

    /// <summary>Drops an owner's cached timeline, to be rebuilt on its next read; call after the change is committed.</summary>
    Task<bool> ForgetAsync(long ownerId, CancellationToken cancellationToken);
}

/// <summary>What the cache could tell: a hit, a miss to rebuild with the ticket, or nothing (cache unreachable).</summary>
internal sealed record CachedTimelineRead(IReadOnlyList<long>? CooIds, bool ReachesBottom, TimelineRebuildTicket? Ticket)
{
    public static readonly CachedTimelineRead Unavailable = new(null, false, null);
}

/// <summary>Identifies one rebuild: it may fill the cache only if nothing changed the timeline since it started.</summary>
internal sealed record TimelineRebuildTicket(long OwnerId, long Generation);
