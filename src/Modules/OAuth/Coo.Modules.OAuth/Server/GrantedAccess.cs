using System.Globalization;
using System.Security.Claims;
using Coo.Shared.Infrastructure.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Coo.Modules.OAuth.Server;

/// <summary>
/// What a token grants, whichever way it was obtained (password, client credentials, a user's consent): the scopes the
/// request names, checked by Mastodon's rules against the application's, and the principal its tokens carry.
/// </summary>
internal sealed class GrantedAccess(IOpenIddictApplicationManager applications)
{
    /// <summary>Mastodon grants <c>read</c> when a request names no scope.</summary>
    private static readonly string[] DefaultScopes = [MastodonScopes.Read];

    public static IReadOnlyList<string> RequestedScopes(OpenIddictRequest request) =>
        request.GetScopes() is { IsEmpty: false } requested ? [.. requested] : DefaultScopes;

    /// <summary>The first requested scope the application was not registered for (a broad scope covers its granular ones), or null.</summary>
    public async Task<string?> RefusedScopeAsync(string clientId, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return scopes[0];
        }

        var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
        string[] allowed = [.. permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])];
        return scopes.FirstOrDefault(scope => !MastodonScopes.Covers(allowed, scope));
    }

    /// <summary>
    /// The principal of a token for <paramref name="subject"/> (a user id, or the application's own client id), whose
    /// claims all go into the access token.
    /// </summary>
    public static ClaimsPrincipal Principal(string clientId, string subject, string? username, IReadOnlyList<string> scopes)
    {
        var identity = new ClaimsIdentity(
            OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, JwtRegisteredClaimNames.UniqueName, CooRoles.ClaimType);
        identity.AddClaim(new Claim(JwtRegisteredClaimNames.Sub, subject));
        if (username is not null)
        {
            identity.AddClaim(new Claim(JwtRegisteredClaimNames.UniqueName, username));
        }

        identity.AddClaim(new Claim(OAuthClaimTypes.Client, clientId));
        foreach (var scope in scopes)
        {
            identity.AddClaim(new Claim(OAuthClaimTypes.Scope, scope));
        }

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        principal.SetDestinations(_ => [Destinations.AccessToken]);
        return principal;
    }

    public static string UserSubject(long userId) => userId.ToString(CultureInfo.InvariantCulture);
}
