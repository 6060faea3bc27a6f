using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coo.IntegrationTests.OAuth;

public sealed record OAuthApp(string ClientId, string ClientSecret);

/// <summary>Registering client applications and getting tokens as Mastodon clients do.</summary>
public static class OAuthClients
{
    public static async Task<OAuthApp> CreateAppAsync(this HttpClient client, string scopes = "read write follow", string redirectUri = "urn:ietf:wg:oauth:2.0:oob")
    {
        using var response = await client.PostAsync("/api/v1/apps", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "Test client",
            ["redirect_uris"] = redirectUri,
            ["scopes"] = scopes,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var app = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new OAuthApp(app.GetProperty("client_id").GetString()!, app.GetProperty("client_secret").GetString()!);
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, OAuthApp app, IDictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields) { ["client_id"] = app.ClientId, ["client_secret"] = app.ClientSecret };
        return client.PostAsync("/oauth/token", new FormUrlEncodedContent(form));
    }

    public static Task<HttpResponseMessage> RequestPasswordTokenAsync(this HttpClient client, OAuthApp app, TestUser user, string? scope = "read write follow", string? password = null)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = user.Username, ["password"] = password ?? user.Password };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        return client.RequestTokenAsync(app, fields);
    }

    /// <summary>A token for the user by the password grant, asserting it is issued.</summary>
    public static async Task<string> PasswordTokenAsync(this HttpClient client, OAuthApp app, TestUser user, string scope = "read write follow")
    {
        using var response = await client.RequestPasswordTokenAsync(app, user, scope);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>Revokes <paramref name="token"/> as the app that holds it, in JSON as masto and megalodon send it.</summary>
    public static Task<HttpResponseMessage> RevokeAsync(this HttpClient client, OAuthApp app, string token) =>
        client.PostAsync("/oauth/revoke", new StringContent(
            JsonSerializer.Serialize(new { client_id = app.ClientId, client_secret = app.ClientSecret, token }), Encoding.UTF8, "application/json"));
}
