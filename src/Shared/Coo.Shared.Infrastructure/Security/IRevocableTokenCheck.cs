using System.Security.Claims;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>
/// Whether the revocable access token (an OAuth reference token) behind a request that lasts, a live stream, is still
/// valid. Each request checks its token as it comes; a stream would otherwise keep the access of a token revoked after
/// it opened. Coo's own access tokens cannot be revoked: they expire, and a stream ends then.
/// </summary>
public interface IRevocableTokenCheck
{
    /// <summary>False when <paramref name="user"/> was authenticated by a revocable token that is no longer valid; true otherwise.</summary>
    Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
