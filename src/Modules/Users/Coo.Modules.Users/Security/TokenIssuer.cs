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

/// <summary>
/// Mints short-lived JWT access tokens and opaque refresh tokens, of which only a hash is kept. A session's first
/// refresh token is random; each successor is derived from its predecessor with a server key (HMAC), so that a
/// just-rotated token presented again within the grace period yields the very same successor without storing it.
/// </summary>
internal sealed class TokenIssuer(AuthSettings settings, SnowflakeIdGenerator ids, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly IReadOnlyList<byte[]> _successorKeys = settings.DeriveKeys("coo:refresh-token-successor:v1");

    /// <summary>Tokens for a new session (sign-in): a random refresh token starts a family.</summary>
    public (TokenResponse Response, RefreshToken Stored) Issue(User user, Guid familyId) =>
        Issue(user, familyId, Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32)));

    /// <summary>Tokens that replace <paramref name="presented"/>: its successor in the same family.</summary>
    public (TokenResponse Response, RefreshToken Stored) Rotate(User user, Guid familyId, string presented) =>
        Issue(user, familyId, Successor(_successorKeys[0], presented));

    /// <summary>A new access token with a refresh token issued before, for a rotation repeated within the grace period.</summary>
    public TokenResponse Reissue(User user, string refreshToken) =>
        new(AccessToken(user), "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, refreshToken);

    /// <summary>The successor <paramref name="presented"/> has under each key (the active key's first), by hash.</summary>
    public IReadOnlyList<(string Token, string Hash)> Successors(string presented) =>
        [.. _successorKeys.Select(key => Successor(key, presented)).Select(token => (token, Hash(token)))];

    public static string Hash(string refreshToken) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    private static string Successor(byte[] key, string presented) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(presented)));

    private (TokenResponse Response, RefreshToken Stored) Issue(User user, Guid familyId, string refreshToken)
    {
        var stored = RefreshToken.Issue(ids.NextId(), user.Id, familyId, Hash(refreshToken), time.GetUtcNow(), settings.RefreshTokenLifetime);
        return (Reissue(user, refreshToken), stored);
    }

    private string AccessToken(User user)
    {
        var now = time.GetUtcNow();
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + settings.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(Claims(user)),
        });
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
}
