using Mediator;

namespace Coo.Modules.Follows.Contracts;

/// <summary>One follow: <see cref="FollowId"/> orders follows by time and serves as the page cursor.</summary>
public sealed record FollowEntry(long FollowId, long UserId);

/// <summary>Who follows <paramref name="UserId"/>, newest first, older than <paramref name="BeforeFollowId"/> when given.</summary>
public sealed record GetFollowers(long UserId, long? BeforeFollowId, int Limit) : IQuery<IReadOnlyList<FollowEntry>>;

/// <summary>Whom <paramref name="UserId"/> follows, newest first, older than <paramref name="BeforeFollowId"/> when given.</summary>
public sealed record GetFollowing(long UserId, long? BeforeFollowId, int Limit) : IQuery<IReadOnlyList<FollowEntry>>;

/// <summary>A user's follow counts, and whether <paramref name="ViewerId"/> (when signed in) follows them.</summary>
public sealed record GetFollowStats(long UserId, long? ViewerId) : IQuery<FollowStats>;

public sealed record FollowStats(int FollowersCount, int FollowingCount, bool ViewerFollows);
