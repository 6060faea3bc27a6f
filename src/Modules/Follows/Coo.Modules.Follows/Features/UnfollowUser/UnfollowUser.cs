using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Follows.Features.UnfollowUser;

/// <summary>Idempotent: unfollowing someone not followed changes nothing.</summary>
internal sealed record UnfollowUser(long FollowerId, long FolloweeId) : ICommand<Result<Unit>>;
