namespace Coo.Modules.Follows.Domain;

internal sealed class Follow
{
    private Follow()
    {
    }

    /// <summary>Time-ordered: the newest follows have the highest ids.</summary>
    public long Id { get; private set; }

    public long FollowerId { get; private set; }

    public long FolloweeId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Follow Create(long id, long followerId, long followeeId, DateTimeOffset now) =>
        new() { Id = id, FollowerId = followerId, FolloweeId = followeeId, CreatedAt = now };
}

/// <summary>A user's follow counts, kept with every follow and unfollow so that reads never count rows.</summary>
internal sealed class FollowCounts(long userId)
{
    public long UserId { get; private set; } = userId;

    public int FollowersCount { get; private set; }

    public int FollowingCount { get; private set; }
}
