using Mediator;

namespace Coo.Modules.Follows.Contracts;

/// <summary>A user's follow counts, and whether <paramref name="ViewerId"/> (when signed in) follows them.</summary>
public sealed record GetFollowStats(long UserId, long? ViewerId) : IQuery<FollowStats>;

public sealed record FollowStats(int FollowersCount, int FollowingCount, bool ViewerFollows);

/// <summary>Several users' follow counts at once (a user without any is left out); for pages that show many people.</summary>
public sealed record GetFollowCounts(IReadOnlyCollection<long> UserIds) : IQuery<IReadOnlyDictionary<long, FollowCounts>>;

public sealed record FollowCounts(int FollowersCount, int FollowingCount);

/// <summary>Who follows <paramref name="UserId"/>, newest first, older than <paramref name="BeforeFollowId"/> when given.</summary>
public sealed record GetFollowers(long UserId, long? BeforeFollowId, int Limit) : IQuery<IReadOnlyList<FollowEntry>>;

/// <summary>Whom <paramref name="UserId"/> follows, newest first, older than <paramref name="BeforeFollowId"/> when given.</summary>
public sealed record GetFollowing(long UserId, long? BeforeFollowId, int Limit) : IQuery<IReadOnlyList<FollowEntry>>;

/// <summary>One follow: <see cref="FollowId"/> orders follows by time and serves as the page cursor.</summary>
public sealed record FollowEntry(long FollowId, long UserId);

/// <summary>
/// For each of <paramref name="UserIds"/>, whether <paramref name="ViewerId"/> follows them and whether they follow the
/// viewer: one call for a page of people.
/// </summary>
public sealed record GetFollowRelations(long ViewerId, IReadOnlyCollection<long> UserIds) : IQuery<IReadOnlyDictionary<long, FollowRelation>>;

public sealed record FollowRelation(bool Following, bool FollowedBy);
