using Mediator;

namespace Coo.Modules.Follows.Contracts;

/// <summary>A user's follow counts, and whether <paramref name="ViewerId"/> (when signed in) follows them.</summary>
public sealed record GetFollowStats(long UserId, long? ViewerId) : IQuery<FollowStats>;

public sealed record FollowStats(int FollowersCount, int FollowingCount, bool ViewerFollows);
