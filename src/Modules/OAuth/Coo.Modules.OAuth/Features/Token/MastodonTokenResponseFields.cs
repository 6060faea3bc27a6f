using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coo.Modules.OAuth.Features.Token;

/// <summary>
/// Completes a token response the way Mastodon's looks: <c>scope</c> always (OpenIddict leaves it out when it equals the
/// request's, and Mastodon.py refuses a token without it) and <c>created_at</c> in Unix seconds. The granted scopes are
/// noted while the token is issued and written into the response as it is sent.
/// </summary>
internal sealed class MastodonTokenResponseFields(TimeProvider time)
    : IOpenIddictServerHandler<ProcessSignInContext>, IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    private const string GrantedScopes = "coo:granted-scopes";

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.EndpointType == OpenIddictServerEndpointType.Token && context.Principal is { } principal)
        {
            context.Transaction.Properties[GrantedScopes] = string.Join(' ', principal.GetScopes());
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.AccessToken is not null && context.Transaction.Properties.TryGetValue(GrantedScopes, out var scopes))
        {
            context.Response.Scope = (string?)scopes;
            context.Response["created_at"] = time.GetUtcNow().ToUnixTimeSeconds();
        }

        return ValueTask.CompletedTask;
    }
}
