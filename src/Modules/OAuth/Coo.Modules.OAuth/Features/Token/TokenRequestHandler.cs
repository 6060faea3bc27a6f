using Coo.Modules.OAuth.Server;
using Coo.Modules.Users.Contracts;
using Mediator;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coo.Modules.OAuth.Features.Token;

/// <summary>
/// Answers /oauth/token once OpenIddict has authenticated the client and checked the grant: the password grant (a
/// documented extension, as Mastodon keeps it) checks the user's credentials through the Users module, client credentials
/// get a token without a user, and codes and refresh tokens keep the principal they were issued for.
/// </summary>
internal sealed class TokenRequestHandler(ISender sender, GrantedAccess access)
    : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    // As signing in: a longer password is no account's, and hashing megabytes of one would cost the server.
    private const int MaxPasswordLength = 128;

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            context.SignIn(context.Principal!);
            return;
        }

        var clientId = context.ClientId!;
        var scopes = GrantedAccess.RequestedScopes(request);
        if (await access.RefusedScopeAsync(clientId, scopes, context.CancellationToken) is { } refused)
        {
            context.Reject(Errors.InvalidScope, $"The application was not registered for scope '{refused}'.");
            return;
        }

        if (request.IsPasswordGrantType())
        {
            var user = request.Password is { Length: <= MaxPasswordLength } password
                ? await sender.Send(new VerifyCredentials(request.Username ?? "", password), context.CancellationToken)
                : null;
            if (user?.IsSuccess != true)
            {
                // One answer for an unknown user, a wrong password and a locked account alike: nothing to learn from it.
                context.Reject(Errors.InvalidGrant, "The username or password is wrong, or the account is locked for a while.");
                return;
            }

            context.SignIn(GrantedAccess.Principal(clientId, GrantedAccess.UserSubject(user.Value.Id), user.Value.Username, scopes));
        }
        else if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict needs a subject: the application itself, which no user id can be mistaken for (FindUserId).
            context.SignIn(GrantedAccess.Principal(clientId, clientId, username: null, scopes));
        }
        else
        {
            context.Reject(Errors.UnsupportedGrantType);
        }
    }
}
