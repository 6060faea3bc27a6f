using System.Globalization;
using System.Security.Claims;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;
using Microsoft.IdentityModel.JsonWebTokens;
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
internal sealed class TokenRequestHandler(ISender sender, IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    /// <summary>Mastodon grants <c>read</c> when a token request names no scope.</summary>
    private static readonly string[] DefaultScopes = [MastodonScopes.Read];

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

        var scopes = request.GetScopes() is { IsEmpty: false } requested ? [.. requested] : DefaultScopes;
        var allowed = await AllowedScopesAsync(context.ClientId!, context.CancellationToken);
        if (scopes.FirstOrDefault(scope => !MastodonScopes.Covers(allowed, scope)) is { } refused)
        {
            context.Reject(Errors.InvalidScope, $"The application was not registered for scope '{refused}'.");
            return;
        }

        var identity = new ClaimsIdentity(
            OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme,
            JwtRegisteredClaimNames.UniqueName,
            CooRoles.ClaimType);
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

            identity.AddClaim(new Claim(JwtRegisteredClaimNames.Sub, user.Value.Id.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(JwtRegisteredClaimNames.UniqueName, user.Value.Username));
        }
        else if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict needs a subject: the application itself, which no user id can be mistaken for (FindUserId).
            identity.AddClaim(new Claim(JwtRegisteredClaimNames.Sub, context.ClientId!));
        }
        else
        {
            context.Reject(Errors.UnsupportedGrantType);
            return;
        }

        identity.AddClaim(new Claim(OAuthClaimTypes.Client, context.ClientId!));
        foreach (var scope in scopes)
        {
            identity.AddClaim(new Claim(OAuthClaimTypes.Scope, scope));
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(principal);
    }

    private async Task<IReadOnlyList<string>> AllowedScopesAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return [];
        }

        var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
        return [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])];
    }
}
