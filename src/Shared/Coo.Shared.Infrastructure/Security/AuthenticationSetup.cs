using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Shared.Infrastructure.Security;

public static class AuthenticationSetup
{
    /// <summary>How long past its expiry an access token is still accepted: clocks of issuer and checker may differ a little.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The default scheme: it forwards each request to the scheme that reads its kind of bearer token, Coo's own JWTs by
    /// default. A module that issues other tokens (OAuth) sets its <see cref="PolicySchemeOptions.ForwardDefaultSelector"/>.
    /// </summary>
    public const string Scheme = "Coo";

    /// <summary>
    /// Bearer JWTs signed with HS256 by the Users module with one of the validation keys; anything else (alg none, other
    /// keys, unknown key ids) is refused.
    /// </summary>
    public static IServiceCollection AddCooAuthentication(this IServiceCollection services, AuthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, displayName: null, options => options.ForwardDefault = JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;

                // Nothing reads the token back from the request's authentication properties: not copied there.
                options.SaveToken = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKeys = settings.ValidationKeys,

                    // A token names its key (kid) and is checked with that key only: an unknown kid is refused, not
                    // tried against every key. Tokens made before keys had ids carry none and may match any of them.
                    IssuerSigningKeyResolver = (_, _, kid, _) => string.IsNullOrEmpty(kid)
                        ? settings.ValidationKeys
                        : settings.ValidationKeys.Where(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal)),
                    TryAllIssuerSigningKeys = false,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = ClockSkew,
                    NameClaimType = JwtRegisteredClaimNames.UniqueName,
                    RoleClaimType = CooRoles.ClaimType,
                };
            });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((options, time) =>
        {
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new ValidatedTokenCache(time));
        });
        services.AddAuthorization();
        return services;
    }

    /// <summary>The signed-in user's id, or null for an anonymous caller (or an OAuth application acting for no user, whose subject is its client id).</summary>
    public static long? FindUserId(this ClaimsPrincipal principal) =>
        principal?.Identity?.IsAuthenticated == true
        && long.TryParse(principal.FindFirstValue(JwtRegisteredClaimNames.Sub), System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>The signed-in user's id (the token's <c>sub</c>).</summary>
    public static long GetUserId(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var subject = principal.FindFirstValue(JwtRegisteredClaimNames.Sub);
        return long.TryParse(subject, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException("The principal carries no user id; is the endpoint missing RequireAuthorization()?");
    }
}
