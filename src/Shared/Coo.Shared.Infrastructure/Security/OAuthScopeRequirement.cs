using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>The claims an OAuth access token's principal carries beside the user's (a Coo session's JWT has neither).</summary>
public static class OAuthClaimTypes
{
    /// <summary>The client application the token was issued to.</summary>
    public const string Client = "coo_oauth_client";

    /// <summary>One claim per granted scope.</summary>
    public const string Scope = "coo_oauth_scope";

    /// <summary>The scopes granted to the caller's OAuth token, or null when the caller did not use one.</summary>
    public static IReadOnlyList<string>? OAuthScopes(this ClaimsPrincipal principal) =>
        principal?.HasClaim(c => c.Type == Client) == true
            ? [.. principal.FindAll(Scope).Select(c => c.Value)]
            : null;
}

/// <summary>The scope an OAuth token needs for an endpoint; Coo's own sessions are not limited by it.</summary>
public sealed record OAuthScopeRequirement(string Scope);

public static class OAuthScopeEndpointExtensions
{
    /// <summary>
    /// Opens the endpoint to OAuth tokens that carry <paramref name="scope"/> (or a scope covering it). An endpoint without
    /// one is closed to every OAuth token.
    /// </summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!MastodonScopes.All.Contains(scope))
        {
            throw new ArgumentException($"'{scope}' is not a Mastodon scope.", nameof(scope));
        }

        return builder.WithMetadata(new OAuthScopeRequirement(scope));
    }

    /// <summary>
    /// Applies the endpoint's scope to a request made with an OAuth token. On an endpoint that needs a signed-in user, a
    /// token without the scope (or without a user: client credentials) is refused with 403, as is any token where the
    /// endpoint declares no scope. On an endpoint open to anonymous callers such a token is merely not used: the request
    /// is served as an anonymous one, as Mastodon serves public reads. After authorization, so that a request without valid
    /// credentials still gets 401.
    /// </summary>
    public static IApplicationBuilder UseOAuthScopes(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.OAuthScopes() is { } granted && http.GetEndpoint() is { } endpoint)
        {
            var required = endpoint.Metadata.GetMetadata<OAuthScopeRequirement>();
            var covered = required is not null && MastodonScopes.Covers(granted, required.Scope);
            var needsUser = endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;
            if (!needsUser && !covered)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else if (!covered || http.User.FindUserId() is null)
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    detail: required is null ? "This endpoint is not open to OAuth tokens."
                        : !covered ? $"This endpoint needs an OAuth token with scope '{required.Scope}'."
                        : "This endpoint needs a token issued for a user.").ExecuteAsync(http);
                return;
            }
        }

        await next(http);
    });
}
