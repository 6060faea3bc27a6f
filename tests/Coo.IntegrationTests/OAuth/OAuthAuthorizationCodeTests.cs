using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Coo.IntegrationTests.OAuth;

/// <summary>The authorization code grant as Mastodon apps use it: the consent page, the user's decision, the code's exchange.</summary>
[Collection(ApiCollection.Name)]
public sealed class OAuthAuthorizationCodeTests(ApiFixture fixture)
{
    private const string Callback = "https://client.example/callback";
    private const string OutOfBand = "urn:ietf:wg:oauth:2.0:oob";

    [Theory, Providers]
    public async Task A_user_who_allows_an_app_sends_it_a_code_it_exchanges_with_its_PKCE_verifier_for_the_scopes_asked(TestProvider provider)
    {
        using var client = await ClientAsync(provider);
        var alice = await client.CreateUserAsync("alice");
        var app = await client.CreateAppAsync(redirectUri: Callback);
        var verifier = NewVerifier();
        var request = AuthorizeRequest(app, Callback, "read write", state: "s-1", verifier);

        using var page = await client.GetAsync(QueryHelpers.AddQueryString("/oauth/authorize", request));
        using var decision = await DecideAsync(client, request, alice.Tokens.AccessToken, "allow");
        var redirect = await RedirectAsync(decision);
        var code = Query(redirect)["code"].ToString();
        using var exchanged = await ExchangeAsync(client, app, code, Callback, verifier);
        var token = await exchanged.Content.ReadFromJsonAsync<JsonElement>();
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", token.GetProperty("access_token").GetString());
        using var again = await ExchangeAsync(client, app, code, Callback, verifier);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(Callback + "?", redirect, StringComparison.Ordinal);
        Assert.Equal("s-1", Query(redirect)["state"].ToString());
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal("read write", token.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("alice", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Theory, Providers]
    public async Task A_code_exchanged_without_the_right_PKCE_verifier_gets_no_token(TestProvider provider)
    {
        using var client = await ClientAsync(provider);
        var bob = await client.CreateUserAsync("bob");
        var app = await client.CreateAppAsync(redirectUri: Callback);
        var request = AuthorizeRequest(app, Callback, "read", state: null, NewVerifier());

        using var decision = await DecideAsync(client, request, bob.Tokens.AccessToken, "allow");
        var code = Query(await RedirectAsync(decision))["code"].ToString();
        using var exchanged = await ExchangeAsync(client, app, code, Callback, NewVerifier());

        Assert.Equal(HttpStatusCode.BadRequest, exchanged.StatusCode);
        Assert.Equal("invalid_grant", (await exchanged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory, Providers]
    public async Task A_user_who_denies_an_app_sends_it_access_denied_and_no_code(TestProvider provider)
    {
        using var client = await ClientAsync(provider);
        var carol = await client.CreateUserAsync("carol");
        var app = await client.CreateAppAsync(redirectUri: Callback);
        var request = AuthorizeRequest(app, Callback, "read", state: "s-2", verifier: null);

        using var decision = await DecideAsync(client, request, carol.Tokens.AccessToken, "deny");
        var redirect = Query(await RedirectAsync(decision));

        Assert.Equal("access_denied", redirect["error"].ToString());
        Assert.Equal("s-2", redirect["state"].ToString());
        Assert.False(redirect.ContainsKey("code"));
    }

    [Theory, Providers]
    public async Task An_out_of_band_app_gets_the_code_for_the_page_to_show_and_exchanges_it(TestProvider provider)
    {
        using var client = await ClientAsync(provider);
        var dave = await client.CreateUserAsync("dave");
        var app = await client.CreateAppAsync();
        var request = AuthorizeRequest(app, OutOfBand, "read follow", state: null, verifier: null);

        using var decision = await DecideAsync(client, request, dave.Tokens.AccessToken, "allow");
        var answer = await decision.Content.ReadFromJsonAsync<JsonElement>();
        using var exchanged = await ExchangeAsync(client, app, answer.GetProperty("code").GetString()!, OutOfBand, verifier: null);

        Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
        Assert.False(answer.TryGetProperty("redirect_uri", out _));
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal("read follow", (await exchanged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scope").GetString());
    }

    [Theory, Providers]
    public async Task Only_a_Coo_session_may_answer_a_consent_request_not_a_visitor_nor_an_apps_token(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var erin = await client.CreateUserAsync("erin");
        var app = await client.CreateAppAsync(redirectUri: Callback);
        var appToken = await client.PasswordTokenAsync(app, erin);
        var request = AuthorizeRequest(app, Callback, "read", state: null, verifier: null);

        using var anonymous = await DecideAsync(client, request, accessToken: null, "allow");
        using var withAppToken = await DecideAsync(client, request, appToken, "allow");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, withAppToken.StatusCode);
        Assert.Equal(1, await DatabaseProbe.CountAsync(factory, "tokens", "oauth"));
    }

    [Theory, Providers]
    public async Task A_scope_the_app_was_not_registered_for_is_sent_back_before_the_user_is_asked(TestProvider provider)
    {
        using var client = await ClientAsync(provider);
        var app = await client.CreateAppAsync(scopes: "read", redirectUri: Callback);
        var request = AuthorizeRequest(app, Callback, "read write", state: "s-3", verifier: null);

        using var page = await client.GetAsync(QueryHelpers.AddQueryString("/oauth/authorize", request));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var redirect = Query(page.Headers.Location!.ToString());
        Assert.Equal("invalid_scope", redirect["error"].ToString());
        Assert.Equal("s-3", redirect["state"].ToString());
    }

    [Theory, Providers]
    public async Task The_consent_page_learns_the_apps_name_and_website_from_its_client_id(TestProvider provider)
    {
        using var client = await ClientAsync(provider);
        using var created = await client.PostAsync("/api/v1/apps", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "Pinafore <b>",
            ["redirect_uris"] = Callback,
            ["website"] = "https://pinafore.example",
        }));
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_id").GetString()!;

        using var known = await client.GetAsync($"/api/v1/oauth/clients/{clientId}");
        using var unknown = await client.GetAsync("/api/v1/oauth/clients/nobody");
        var app = await known.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal("Pinafore <b>", app.GetProperty("name").GetString());
        Assert.Equal("https://pinafore.example", app.GetProperty("website").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(TestProvider provider) =>
        (await fixture.StartAsync(provider)).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static string NewVerifier() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Dictionary<string, string?> AuthorizeRequest(OAuthApp app, string redirectUri, string scope, string? state, string? verifier)
    {
        var request = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = app.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
        };
        if (state is not null)
        {
            request["state"] = state;
        }

        if (verifier is not null)
        {
            request["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            request["code_challenge_method"] = "S256";
        }

        return request;
    }

    /// <summary>What the consent page's script sends: the request's own parameters, the decision, the session's bearer token.</summary>
    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Dictionary<string, string?> request, string? accessToken, string decision)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/oauth/authorize")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string?>(request) { ["decision"] = decision }),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (accessToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client.SendAsync(message);
    }

    private static async Task<string> RedirectAsync(HttpResponseMessage decision)
    {
        var body = await decision.Content.ReadAsStringAsync();
        Assert.True(decision.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("redirect_uri").GetString()!;
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(string uri) =>
        QueryHelpers.ParseQuery(new Uri(uri).Query);

    private static Task<HttpResponseMessage> ExchangeAsync(HttpClient client, OAuthApp app, string code, string redirectUri, string? verifier)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        return client.RequestTokenAsync(app, fields);
    }
}
