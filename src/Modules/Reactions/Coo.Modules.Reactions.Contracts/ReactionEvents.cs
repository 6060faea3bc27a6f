using Coo.Shared.Kernel;

namespace Coo.Modules.Reactions.Contracts;

/// <summary>
/// <paramref name="UserId"/> liked the coo <paramref name="CooId"/> of <paramref name="CooAuthorId"/>;
/// <paramref name="LikeId"/> is time-ordered and names this like.
/// </summary>
[IntegrationEvent("reactions.coo-liked.v1")]
public sealed record CooLikedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long LikeId, long CooId, long CooAuthorId, long UserId)
    : IIntegrationEvent;

/// <summary><paramref name="LikeId"/> is the like this undid.</summary>
[IntegrationEvent("reactions.coo-unliked.v1")]
public sealed record CooUnlikedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long LikeId, long CooId, long CooAuthorId, long UserId)
    : IIntegrationEvent;

/// <summary>
/// <paramref name="UserId"/> passed the coo <paramref name="CooId"/> of <paramref name="CooAuthorId"/> on to their
/// followers; <paramref name="RepostId"/> is time-ordered and names this repost.
/// </summary>
[IntegrationEvent("reactions.coo-reposted.v1")]
public sealed record CooRepostedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long RepostId, long CooId, long CooAuthorId, long UserId)
    : IIntegrationEvent;

/// <summary><paramref name="RepostId"/> is the repost this undid.</summary>
[IntegrationEvent("reactions.coo-unreposted.v1")]
public sealed record CooUnrepostedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long RepostId, long CooId, long CooAuthorId, long UserId)
    : IIntegrationEvent;
