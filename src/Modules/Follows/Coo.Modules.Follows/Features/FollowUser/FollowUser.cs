using Coo.Shared.Kernel;
using Mediator;

namespace Coo.Modules.Follows.Features.FollowUser;

/// <summary>Idempotent: following someone already followed changes nothing. Following yourself is refused.</summary>
internal sealed record FollowUser(long FollowerId, long FolloweeId) : ICommand<Result<Unit>>;
