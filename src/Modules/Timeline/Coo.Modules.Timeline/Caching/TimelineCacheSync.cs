using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;

namespace Coo.Modules.Timeline.Caching;

/// <summary>
/// Makes the cached timelines follow a change written in the current transaction. Copies shared by every instance
/// (Redis) get it as a durable event committed with the change, so they follow even if this instance dies right after
/// the commit; copies in this process's memory get it right after the commit, since they die with the process anyway.
/// </summary>
internal sealed class TimelineCacheSync(
    TimelineDbContext db, ITimelineCache cache, IUserEventLog live, LargeAuthorList largeAuthors, AfterCommitActions afterCommit, TimeProvider time)
{
    public void CooAdded(long cooId, IReadOnlyCollection<long> ownerIds) => CoosAdded([new AddedCoo(cooId, [.. ownerIds])]);

    /// <summary>Coos written onto their owners' timelines in this transaction: one message for them all.</summary>
    public void CoosAdded(IEnumerable<AddedCoo> coos)
    {
        var added = new TimelineCoosAdded(Guid.CreateVersion7(), time.GetUtcNow(), [.. coos.Where(c => c.OwnerIds.Length > 0)]);
        if (added.Coos.Length > 0)
        {
            Record(added, cancellationToken => TimelineCoosAddedHandler.ApplyAsync(cache, live, added, cancellationToken));
        }
    }

    public void CooRemoved(long cooId, IReadOnlyCollection<long> ownerIds) => Record(TimelineCacheChanged.CooRemoved(cooId, ownerIds, time.GetUtcNow()));

    /// <summary>After a repost put its coo on the owners' timelines or moved it up: rebuilt on their next read, and announced.</summary>
    public void RepostAdded(long cooId, long repostId, IReadOnlyCollection<long> ownerIds) =>
        Record(TimelineCacheChanged.RepostAdded(cooId, repostId, ownerIds, time.GetUtcNow()));

    /// <summary>
    /// After a coo that was on the owners' timelines by a repost left them (its repost undone, or the coo deleted):
    /// rebuilt on their next read, and announced as gone.
    /// </summary>
    public void RepostRemoved(long cooId, IReadOnlyCollection<long> ownerIds) => Record(TimelineCacheChanged.RepostRemoved(cooId, ownerIds, time.GetUtcNow()));

    /// <summary>After a repost moved, added or removed entries: the owners' cached timelines are rebuilt on their next read.</summary>
    public void Reshaped(IReadOnlyCollection<long> ownerIds) => Record(TimelineCacheChanged.Forgotten(ownerIds, time.GetUtcNow()));

    /// <summary>After a follow or unfollow by the owner: their timeline, and which large authors they follow.</summary>
    public void Forgotten(long ownerId)
    {
        Record(TimelineCacheChanged.Forgotten([ownerId], time.GetUtcNow()));
        afterCommit.Add(_ =>
        {
            largeAuthors.ForgetFollowedBy(ownerId);
            return Task.CompletedTask;
        });
    }

    private void Record(TimelineCacheChanged change)
    {
        if (change.OwnerIds.Length > 0)
        {
            Record(change, cancellationToken => TimelineCacheSyncHandler.ApplyAsync(cache, live, change, cancellationToken));
        }
    }

    /// <param name="applyHere">The change applied to this process's copies, when no copy is shared.</param>
    private void Record(IIntegrationEvent change, Func<CancellationToken, Task> applyHere)
    {
        if (cache.SharedAcrossInstances)
        {
            db.Publish(change);
        }
        else
        {
            afterCommit.Add(applyHere);
        }
    }
}
