using Mediator;

namespace Coo.Modules.Follows.Contracts;

/// <summary>A user's follow counts, and whether <paramref name="ViewerId"/> (when signed in) follows them.</summary>
public sealed record GetFollowStats(long UserId, long? ViewerId) : IQuery<FollowStats>;

public sealed record FollowStats(int FollowersCount, int FollowingCount, bool ViewerFollows);

/// <summary>Several users' follow counts at once (a user without any is left out); for pages that show many people.</summary>
public sealed record GetFollowCounts(IReadOnlyCollection<long> UserIds) : IQuery<IReadOnlyDictionary<long, FollowCounts>>;

public sealed record FollowCounts(int FollowersCount, int FollowingCount);
