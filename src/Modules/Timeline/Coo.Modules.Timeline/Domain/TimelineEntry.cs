namespace Coo.Modules.Timeline.Domain;

/// <summary>One coo on one user's home timeline.</summary>
internal sealed class TimelineEntry(long ownerId, long cooId, long authorId)
{
    public long OwnerId { get; private set; } = ownerId;

    public long CooId { get; private set; } = cooId;

    public long AuthorId { get; private set; } = authorId;
}

/// <summary>
/// Where a timeline stops being complete: it holds every coo it should from <see cref="CompleteFromCooId"/> on;
/// older pages are filled from the authors' own coos. Trimming and merging a new followee's recent coos raise it.
/// </summary>
internal sealed class TimelineHorizon(long ownerId, long completeFromCooId)
{
    public long OwnerId { get; private set; } = ownerId;

    public long CompleteFromCooId { get; private set; } = completeFromCooId;
}

/// <summary>
/// The Timeline module's copy of one follow, kept from Follows' events. <see cref="FollowId"/> is the id of the
/// latest follow or unfollow applied, so a late, older event of the same pair is recognised and ignored.
/// </summary>
internal sealed class FollowEdge(long followerId, long followeeId, long followId, bool isActive)
{
    public long FollowerId { get; private set; } = followerId;

    public long FolloweeId { get; private set; } = followeeId;

    public long FollowId { get; private set; } = followId;

    public bool IsActive { get; private set; } = isActive;
}

/// <summary>A deleted coo, remembered so that a late or redelivered <c>CooPosted</c> cannot bring it back.</summary>
internal sealed class DeletedCoo(long cooId, DateTimeOffset deletedAt)
{
    public long CooId { get; private set; } = cooId;

    public DateTimeOffset DeletedAt { get; private set; } = deletedAt;
}
