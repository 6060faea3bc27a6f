using Coo.Shared.Kernel;

namespace Coo.Modules.Follows.Contracts;

/// <summary>
/// <paramref name="FollowId"/> is time-ordered and names this follow: consumers use it to tell a late, stale event
/// from a newer follow or unfollow of the same pair.
/// </summary>
[IntegrationEvent("follows.user-followed.v1")]
public sealed record UserFollowedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long FollowId, long FollowerId, long FolloweeId)
    : IIntegrationEvent;

/// <summary><paramref name="FollowId"/> is the id of the follow this unfollow ended.</summary>
[IntegrationEvent("follows.user-unfollowed.v1")]
public sealed record UserUnfollowedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long FollowId, long FollowerId, long FolloweeId)
    : IIntegrationEvent;
