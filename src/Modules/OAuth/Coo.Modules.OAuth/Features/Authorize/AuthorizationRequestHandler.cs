using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coo.Modules.OAuth.Features.Authorize;

/// <summary>
/// /oauth/authorize, once OpenIddict has checked the client, its redirect URI and PKCE: until the consent page exists,
/// every request is answered with <c>consent_required</c>, sent back to the client's redirect URI (or shown, for
/// urn:ietf:wg:oauth:2.0:oob) as OAuth says errors are. Clients sign in with the password grant meanwhile.
/// </summary>
internal sealed class AuthorizationRequestHandler : IOpenIddictServerHandler<HandleAuthorizationRequestContext>
{
    public ValueTask HandleAsync(HandleAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsRequestHandled && !context.IsRejected)
        {
            context.Reject(Errors.ConsentRequired, "Coo cannot yet ask its users for consent here; use the password grant.");
        }

        return ValueTask.CompletedTask;
    }
}
