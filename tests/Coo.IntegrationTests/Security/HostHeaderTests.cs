using Coo.Host.Composition;
using Coo.Shared.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Security;

/// <summary>A forged <c>Host</c> header never comes back in a response: links start with the public URL or a known host.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostHeaderTests(ApiFixture fixture)
{
    private const string ForgedHost = "evil.example";

    [Fact]
    public async Task Without_a_public_url_a_request_for_an_unknown_host_is_refused_before_any_link_is_built()
    {
        using var client = (await fixture.StartAsync(TestProvider.Sqlite)).CreateClient();
        await PostTwoCoosAsync(client);

        using var forged = await GetFirstPageAsync(client, ForgedHost);
        using var known = await GetFirstPageAsync(client, host: null);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(400, (await forged.ReadProblemAsync()).GetProperty("status").GetInt32());
        await AssertNowhereAsync(forged, ForgedHost);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.StartsWith("<http://localhost/api/v1/users/ada/coos?", known.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_public_url_links_the_api_document_and_the_OAuth_issuer_use_it_whatever_the_host_header_says()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite) { Settings = { ["App:PublicUrl"] = "https://coo.example.org/social/" } };
        using var client = factory.CreateClient();
        await PostTwoCoosAsync(client);

        using var page = await GetFirstPageAsync(client, ForgedHost);
        using var documentRequest = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { Host = ForgedHost } };
        using var document = await client.SendAsync(documentRequest);
        using var metadataRequest = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-authorization-server") { Headers = { Host = ForgedHost } };
        using var metadata = await client.SendAsync(metadataRequest);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("<https://coo.example.org/social/api/v1/users/ada/coos?limit=1&cursor=", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        await AssertNowhereAsync(page, ForgedHost);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var servers = (await document.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("servers");
        Assert.Equal("https://coo.example.org/social", servers.EnumerateArray().Single().GetProperty("url").GetString());
        await AssertNowhereAsync(document, ForgedHost);
        var oauth = await metadata.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("https://coo.example.org/social/", oauth.GetProperty("issuer").GetString());
        Assert.Equal("https://coo.example.org/social/oauth/token", oauth.GetProperty("token_endpoint").GetString());
        await AssertNowhereAsync(metadata, ForgedHost);

        // A token issued through one Host works through another: it names the public URL as its issuer.
        var app = await OAuth.OAuthClients.CreateAppAsync(client);
        var owner = await client.CreateUserAsync("issuer_check");
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Headers = { Host = ForgedHost },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = app.ClientId,
                ["client_secret"] = app.ClientSecret,
                ["username"] = owner.Username,
                ["password"] = owner.Password,
            }),
        };
        using var issued = await client.SendAsync(tokenRequest);
        var token = (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString();
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory]
    [InlineData("App:PublicUrl", "coo.example.org", "App:PublicUrl: 'coo.example.org' is not an absolute http or https URL")]
    [InlineData("App:PublicUrl", "ftp://coo.example.org", "App:PublicUrl: 'ftp://coo.example.org' is not an absolute http or https URL")]
    [InlineData("App:PublicUrl", "https://coo.example.org/?a=b", "App:PublicUrl: 'https://coo.example.org/?a=b' is not an absolute http or https URL")]
    [InlineData("AllowedHosts", "*", "AllowedHosts '*' accepts any Host header")]
    public void A_public_url_that_is_no_absolute_http_url_or_any_host_without_one_stops_the_host(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = Assert.Throws<InvalidConfigurationException>(() => new ServiceCollection().AddCooPublicUrl(configuration));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task PostTwoCoosAsync(HttpClient client)
    {
        var ada = await client.CreateUserAsync("ada");
        await client.PostCooOkAsync(ada, "one");
        await client.PostCooOkAsync(ada, "two");
    }

    private static async Task<HttpResponseMessage> GetFirstPageAsync(HttpClient client, string? host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/ada/coos?limit=1");
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    private static async Task AssertNowhereAsync(HttpResponseMessage response, string text)
    {
        var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        Assert.DoesNotContain(text, headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(text, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
