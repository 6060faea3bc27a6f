using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Shared.Infrastructure.Security;

public static class AuthenticationSetup
{
    /// <summary>Bearer JWTs signed with HS256 by the Users module; anything else (alg none, other keys) is refused.</summary>
    public static IServiceCollection AddCooAuthentication(this IServiceCollection services, AuthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuerSigningKey = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = JwtRegisteredClaimNames.UniqueName,
                    RoleClaimType = CooRoles.ClaimType,
                };
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>The signed-in user's id, or null for an anonymous caller.</summary>
    public static long? FindUserId(this ClaimsPrincipal principal) =>
        principal?.Identity?.IsAuthenticated == true ? principal.GetUserId() : null;

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
