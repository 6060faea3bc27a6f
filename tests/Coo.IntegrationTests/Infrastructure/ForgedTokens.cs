using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>
/// Access tokens an attacker might present: unsigned (<c>alg: none</c>), expired, signed with another key, a genuine
/// token whose payload was changed after signing, another issuer or audience, or junk.
/// </summary>
public static class ForgedTokens
{
    public static readonly string[] Kinds = ["none", "expired", "wrong-key", "bad-signature", "wrong-issuer", "wrong-audience", "garbage"];

    public static string Create(string kind, string userId)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["sub"] = userId, ["unique_name"] = "mallory" };
        if (kind == "none")
        {
            static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
            var exp = new DateTimeOffset(now.AddMinutes(10)).ToUnixTimeSeconds();
            return $"{Encode(new { alg = "none", typ = "JWT" })}.{Encode(new { sub = userId, iss = "coo", aud = "coo-api", exp })}.";
        }

        if (kind == "garbage")
        {
            return "not.a.token";
        }

        if (kind == "bad-signature")
        {
            // A token the host really signed, for someone else, whose subject is then swapped: the signature no longer fits.
            var genuine = Create("valid", "1").Split('.');
            var payload = Base64UrlEncoder.Decode(genuine[1]).Replace("\"sub\":\"1\"", $"\"sub\":\"{userId}\"", StringComparison.Ordinal);
            return $"{genuine[0]}.{Base64UrlEncoder.Encode(payload)}.{genuine[2]}";
        }

        var key = kind == "wrong-key" ? "another-signing-key-that-is-long-enough-too" : CooApiFactory.SigningKey;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = kind == "wrong-issuer" ? "evil" : "coo",
            Audience = kind == "wrong-audience" ? "another-api" : "coo-api",
            Claims = claims,
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = kind == "expired" ? now.AddHours(-1) : now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
