using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.IntegrationTests.Security;

/// <summary>
/// The README's rotation steps, on one database: the single key (<c>Auth:SigningKey</c>, kid <c>default</c>), then a
/// new active key beside it, then the new key alone. Tokens name their key and are checked with that key only.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SigningKeyRotationTests
{
    private const string NewKeyId = "2026-12";
    private const string NewKey = "a-newer-signing-key-for-the-rotation-test";

    [Fact]
    public async Task Tokens_of_the_previous_key_keep_working_until_they_expire_and_unknown_key_ids_are_refused()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite);
        using var before = factory.CreateClient();
        var user = await before.CreateUserAsync("rotor");
        for (var i = 0; i < 3; i++)
        {
            await before.PostCooOkAsync(user, $"coo {i}");
        }

        var oldToken = user.Tokens.AccessToken;
        var oldCursor = await NextCursorAsync(before);
        Assert.Equal("default", new JsonWebToken(oldToken).Kid);

        await using var rotated = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:SigningKeys:0:Id", NewKeyId)
            .UseSetting("Auth:SigningKeys:0:Key", NewKey)
            .UseSetting("Auth:ActiveSigningKeyId", NewKeyId));
        using var during = rotated.CreateClient();
        using var signedIn = await during.SignInAsync("rotor");
        var newToken = (await signedIn.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;

        Assert.Equal(NewKeyId, new JsonWebToken(newToken).Kid);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(during, oldToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(during, newToken));
        Assert.Equal(HttpStatusCode.OK, (await during.GetAsync($"/api/v1/users/rotor/coos?limit=2&cursor={oldCursor}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(during, Mint(CooApiFactory.SigningKey, "default", user.Id, expired: true)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(during, Mint(NewKey, "unknown", user.Id)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(during, Mint(CooApiFactory.SigningKey, "unknown", user.Id)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(during, Mint(CooApiFactory.SigningKey, NewKeyId, user.Id)));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(during, Mint(CooApiFactory.SigningKey, "default", user.Id)));

        await using var retired = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Auth:SigningKey", "")
            .UseSetting("Auth:SigningKeys:0:Id", NewKeyId)
            .UseSetting("Auth:SigningKeys:0:Key", NewKey));
        using var after = retired.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(after, oldToken));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(after, newToken));
        Assert.Equal(HttpStatusCode.BadRequest, (await after.GetAsync($"/api/v1/users/rotor/coos?limit=2&cursor={oldCursor}")).StatusCode);
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient client, string accessToken)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", accessToken);
        return response.StatusCode;
    }

    private static async Task<string> NextCursorAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/users/rotor/coos?limit=2");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextCursor").GetString()!;
    }

    /// <summary>A token as the host would make it, signed with <paramref name="key"/> and naming <paramref name="kid"/>.</summary>
    private static string Mint(string key, string kid, string userId, bool expired = false)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "coo",
            Audience = "coo-api",
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["unique_name"] = "rotor" },
            IssuedAt = now.AddHours(-1),
            NotBefore = now.AddHours(-1),
            Expires = expired ? now.AddMinutes(-5) : now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) { KeyId = kid }, SecurityAlgorithms.HmacSha256),
        });
    }
}
