using Coo.Modules.OAuth.Server;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coo.Modules.OAuth.Features.Token;

/// <summary>
/// /oauth/token once OpenIddict has authenticated the client and checked the grant (the endpoint is passed through to
/// here, so that it is rate-limited as signing in is: per client IP, and per username for the password grant). The
/// password grant (a documented extension, as Mastodon keeps it) checks the user's credentials through the Users
/// module, client credentials get a token without a user, and codes and refresh tokens keep the principal they were
/// issued for. Refusals are OAuth's <c>{"error": ...}</c> answers, written by OpenIddict.
/// </summary>
internal static class TokenEndpoint
{
    // As signing in: a longer password is no account's, and hashing megabytes of one would cost the server.
    private const int MaxPasswordLength = 128;

    public static void Map(IEndpointRouteBuilder app) => app
        .MapPost(OAuthServerSetup.TokenPath, ExchangeAsync)
        .ExcludeFromDescription()
        .AllowAnonymous()
        .AnswersMastodonErrors()
        .RequireRateLimiting(RateLimitPolicies.SignIn);

    private static async Task<IResult> ExchangeAsync(HttpContext http, ISender sender, GrantedAccess access, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict passes only the token requests it has validated through to here.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var issued = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(issued.Principal!, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        var clientId = request.ClientId!;
        var scopes = GrantedAccess.RequestedScopes(request);
        if (await access.RefusedScopeAsync(clientId, scopes, cancellationToken) is { } refused)
        {
            return Refuse(Errors.InvalidScope, $"The application was not registered for scope '{refused}'.");
        }

        if (request.IsPasswordGrantType())
        {
            var user = request.Password is { Length: <= MaxPasswordLength } password
                ? await sender.Send(new VerifyCredentials(request.Username ?? "", password), cancellationToken)
                : null;

            // One answer for an unknown user, a wrong password and a locked account alike: nothing to learn from it.
            return user?.IsSuccess == true
                ? SignIn(GrantedAccess.Principal(clientId, GrantedAccess.UserSubject(user.Value.Id), user.Value.Username, scopes))
                : Refuse(Errors.InvalidGrant, "The username or password is wrong, or the account is locked for a while.");
        }

        // OpenIddict needs a subject: for client credentials, the application itself, which no user id can be mistaken for (FindUserId).
        return request.IsClientCredentialsGrantType()
            ? SignIn(GrantedAccess.Principal(clientId, clientId, username: null, scopes))
            : Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static IResult SignIn(System.Security.Claims.ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
