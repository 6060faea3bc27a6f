using Coo.Shared.Kernel;

namespace Coo.Modules.Timeline.Caching;

internal enum TimelineCacheChange
{
    /// <summary>Only in messages written before added coos had their own event (<see cref="TimelineCoosAdded"/>).</summary>
    CooAdded,
    CooRemoved,
    TimelinesForgotten,

    /// <summary>A repost (<see cref="TimelineCacheChanged.RepostId"/>) put its coo on the timelines, or moved it up.</summary>
    RepostAdded,

    /// <summary>A coo that was on the timelines by a repost left them: the repost was undone, or the coo deleted.</summary>
    RepostRemoved,
}

/// <summary>
/// A change of the timelines in the database that their cached copies must follow. The Timeline module publishes it in
/// the same transaction as the change and consumes it itself (<see cref="TimelineCacheSyncHandler"/>), so the copies
/// follow even when Redis missed the change or the instance that made it died right after the commit.
/// </summary>
[IntegrationEvent("timeline.cache-changed.v1")]
internal sealed record TimelineCacheChanged(Guid Id, DateTimeOffset OccurredAt, TimelineCacheChange Change, long CooId, long[] OwnerIds, long RepostId = 0) : IIntegrationEvent
{
    public static TimelineCacheChanged CooRemoved(long cooId, IEnumerable<long> ownerIds, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), now, TimelineCacheChange.CooRemoved, cooId, [.. ownerIds]);

    public static TimelineCacheChanged RepostAdded(long cooId, long repostId, IEnumerable<long> ownerIds, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), now, TimelineCacheChange.RepostAdded, cooId, [.. ownerIds], repostId);

    public static TimelineCacheChanged RepostRemoved(long cooId, IEnumerable<long> ownerIds, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), now, TimelineCacheChange.RepostRemoved, cooId, [.. ownerIds]);

    public static TimelineCacheChanged Forgotten(IEnumerable<long> ownerIds, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), now, TimelineCacheChange.TimelinesForgotten, 0, [.. ownerIds]);
}
