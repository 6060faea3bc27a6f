namespace Coo.Modules.Timeline.Domain;

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
