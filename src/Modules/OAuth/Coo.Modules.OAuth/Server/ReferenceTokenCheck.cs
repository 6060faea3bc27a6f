using System.Security.Claims;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coo.Modules.OAuth.Server;

/// <summary>
/// An OAuth access token is a reference token (<see cref="OAuthServerSetup"/>): still valid while its entry is, neither
/// revoked nor expired. A principal without a token entry is not one of OpenIddict's.
/// </summary>
internal sealed class ReferenceTokenCheck(IServiceScopeFactory scopes, TimeProvider time) : IRevocableTokenCheck
{
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.GetTokenId() is not { Length: > 0 } tokenId)
        {
            return true;
        }

        // A scope of its own: the stream's request scope is in use by the stream.
        await using var scope = scopes.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var token = await tokens.FindByIdAsync(tokenId, cancellationToken);
        return token is not null
            && await tokens.HasStatusAsync(token, Statuses.Valid, cancellationToken)
            && !(await tokens.GetExpirationDateAsync(token, cancellationToken) is { } expires && expires <= time.GetUtcNow());
    }
}
