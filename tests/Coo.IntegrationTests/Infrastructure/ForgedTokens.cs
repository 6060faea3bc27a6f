using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>Access tokens an attacker might present: unsigned, expired, signed with another key or issuer, or junk.</summary>
public static class ForgedTokens
{
    public static readonly string[] Kinds = ["none", "expired", "wrong-key", "wrong-issuer", "garbage"];

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

        var key = kind == "wrong-key" ? "another-signing-key-that-is-long-enough-too" : CooApiFactory.SigningKey;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = kind == "wrong-issuer" ? "evil" : "coo",
            Audience = "coo-api",
            Claims = claims,
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = kind == "expired" ? now.AddHours(-1) : now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
