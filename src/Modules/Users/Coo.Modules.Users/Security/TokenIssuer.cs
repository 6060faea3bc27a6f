using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Coo.Modules.Users.Domain;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Kernel;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.Modules.Users.Security;

/// <param name="RefreshToken">Left out of the JSON when the refresh token travels in <see cref="RefreshTokenCookie"/> instead.</param>
internal sealed record TokenResponse(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken);

/// <summary>Mints short-lived JWT access tokens and opaque refresh tokens (of which only a hash is kept).</summary>
internal sealed class TokenIssuer(AuthSettings settings, SnowflakeIdGenerator ids, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (TokenResponse Response, RefreshToken Stored) Issue(User user, Guid familyId)
    {
        var now = time.GetUtcNow();
        var accessToken = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + settings.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(Claims(user)),
        });

        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var stored = RefreshToken.Issue(ids.NextId(), user.Id, familyId, Hash(refreshToken), now, settings.RefreshTokenLifetime);
        var response = new TokenResponse(accessToken, "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, refreshToken);
        return (response, stored);
    }

    private static IEnumerable<Claim> Claims(User user)
    {
        yield return new Claim(JwtRegisteredClaimNames.Sub, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new Claim(JwtRegisteredClaimNames.UniqueName, user.Username);
        yield return new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N"));
        if (user.IsAdmin)
        {
            // Read from the account at every sign-in and refresh, so a grant or revocation shows by the next refresh.
            yield return new Claim(CooRoles.ClaimType, CooRoles.Admin);
        }
    }

    public static string Hash(string refreshToken) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
}
