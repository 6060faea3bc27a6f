using Coo.Modules.OAuth.Data;
using Coo.Modules.OAuth.Features.Authorize;
using Coo.Modules.OAuth.Features.Token;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Coo.Modules.OAuth.Server;

/// <summary>OpenIddict as Coo's OAuth 2 server, the way Mastodon clients expect it, and as a reader of its tokens on Coo's API.</summary>
internal static class OAuthServerSetup
{
    public const string TokenPath = "/oauth/token";
    public const string AuthorizePath = "/oauth/authorize";
    public const string RevokePath = "/oauth/revoke";

    /// <summary>Mastodon's streaming API, whose clients may send their token in the query.</summary>
    public const string StreamingPath = "/api/v1/streaming";

    public static void AddOAuthServer(this IServiceCollection services, AuthSettings auth, OAuthOptions options)
    {
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OAuthDbContext>())
            .AddServer(server =>
            {
                // Relative to the server's base (no leading slash), so that they stay under a public URL's path.
                server.SetTokenEndpointUris(TokenPath[1..])
                    .SetAuthorizationEndpointUris(AuthorizePath[1..])
                    .SetRevocationEndpointUris(RevokePath[1..])

                    // Mastodon clients read the RFC 8414 document; OpenID Connect clients the other. One document, two addresses.
                    .SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration");
                server.AllowPasswordFlow().AllowClientCredentialsFlow().AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();

                // Codes go back in the query (or fragment), as Mastodon's do: form_post's self-submitting page is a
                // script the web client's content policy would not run.
                server.Configure(options => options.ResponseModes.Remove(ResponseModes.FormPost));
                server.RegisterScopes([.. MastodonScopes.All]);

                // Scopes are checked against the application's by Mastodon's rules (read covers read:statuses), in
                // TokenEndpoint and the consent: OpenIddict's own check knows only exact matches.
                server.IgnoreScopePermissions();

                // Mastodon's tokens are opaque and never expire: reference tokens, revocable, whose payload stays in the
                // database. Refresh tokens are issued too, for clients that use them.
                server.UseReferenceAccessTokens().UseReferenceRefreshTokens();
                server.SetAccessTokenLifetime(null).SetRefreshTokenLifetime(options.RefreshTokenLifetime);
                foreach (var key in OAuthKeys.Signing(auth))
                {
                    server.AddSigningKey(key);
                }

                foreach (var key in OAuthKeys.Encryption(auth))
                {
                    server.AddEncryptionKey(key);
                }

                // Tokens name the server that issued them, and a code is redeemed only where it was issued: with a public
                // URL, that is the public URL whatever Host a proxy passes on; without one, the request's host (which host
                // filtering vets).
                server.AddEventHandler<ProcessRequestContext>(handler => handler
                    .UseSingletonHandler<PublicRequestUri>()
                    .SetOrder(OpenIddictServerAspNetCoreHandlers.ResolveRequestUri.Descriptor.Order + 1));
                server.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler
                    .UseScopedHandler<ConsentDecisionHandler>()
                    .SetOrder(int.MaxValue - 100_000));
                server.AddEventHandler<ApplyAuthorizationResponseContext>(handler => handler
                    .UseSingletonHandler<ConsentResponseHandler>()
                    .SetOrder(OpenIddictServerAspNetCoreHandlers.Authentication.ProcessFormPostResponse.Descriptor.Order - 1_000));
                server.AddEventHandler<ProcessSignInContext>(handler => handler
                    .UseSingletonHandler<MastodonTokenResponseFields>()
                    .SetOrder(OpenIddictServerHandlers.AttachCustomSignInParameters.Descriptor.Order + 1_000));
                server.AddEventHandler<ApplyTokenResponseContext>(handler => handler
                    .UseSingletonHandler<MastodonTokenResponseFields>()
                    .SetOrder(int.MinValue + 100_000));

                var aspNetCore = server.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!(options.RequireHttps ?? auth.SecureCookie))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });

        services.AddScoped<GrantedAccess>();
        services.AddSingleton<IRevocableTokenCheck, ReferenceTokenCheck>();
        services.AddScoped<IAuthenticationHandlerProvider, OAuthRequestHandlers>();

        // With a public URL, tokens name it as their issuer, and the API's check of them (the local server's settings)
        // expects it, whatever Host a proxy passes on.
        services.AddOptions<OpenIddictServerOptions>().Configure<PublicBaseUrl>((server, publicUrl) => server.Issuer ??= publicUrl.Configured);

        // Coo's own JWTs carry dots (header.payload.signature); OpenIddict's reference tokens do not. Opaque tokens are
        // read by OpenIddict on the API only: elsewhere (the metrics scrape token) they are none of its business. On
        // Mastodon's streaming paths a token may come as the access_token query parameter, since browsers' streams
        // cannot send headers; nowhere else, as addresses end up in logs.
        services.PostConfigure<PolicySchemeOptions>(AuthenticationSetup.Scheme, scheme =>
        {
            var fallback = scheme.ForwardDefaultSelector;
            scheme.ForwardDefaultSelector = http =>
                HasOAuthToken(http.Request) ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme : fallback?.Invoke(http);
        });
    }

    /// <summary>A request to one of the OAuth server's own addresses (authorize, token, revoke, its metadata).</summary>
    public static bool IsServerRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/oauth", StringComparison.Ordinal) || request.Path.StartsWithSegments("/.well-known", StringComparison.Ordinal);

    /// <summary>A request to the API carrying an OAuth token, which OpenIddict's validation reads.</summary>
    public static bool HasOAuthToken(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && !header.Contains('.', StringComparison.Ordinal);
        }

        return request.Path.StartsWithSegments(StreamingPath, StringComparison.Ordinal)
            && request.Query["access_token"].ToString() is { Length: > 0 } token
            && !token.Contains('.', StringComparison.Ordinal);
    }
}
