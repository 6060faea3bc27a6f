using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Follows.Contracts;

/// <summary>Idempotent: following someone already followed changes nothing. Following yourself is refused.</summary>
public sealed record FollowUser(long FollowerId, long FolloweeId) : ICommand<Result<Unit>>;

/// <summary>Idempotent: unfollowing someone not followed changes nothing.</summary>
public sealed record UnfollowUser(long FollowerId, long FolloweeId) : ICommand<Result<Unit>>;
