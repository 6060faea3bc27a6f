using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Coo.IntegrationTests.OAuth;

[Collection(ApiCollection.Name)]
public sealed class OAuthApplicationTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task An_application_is_registered_from_a_form_JSON_or_multipart_with_either_form_of_redirect_uris(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent("Multipart client"), "client_name" },
            { new StringContent("https://example.com/callback"), "redirect_uris[]" },
            { new StringContent("urn:ietf:wg:oauth:2.0:oob"), "redirect_uris[]" },
        };

        using var form = await client.PostAsync("/api/v1/apps", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "Form client",
            ["redirect_uris"] = "https://example.com/callback\nurn:ietf:wg:oauth:2.0:oob",
            ["scopes"] = "read write:statuses",
            ["website"] = "https://example.com",
        }));
        using var json = await client.PostAsync("/api/v1/apps", new StringContent(
            """{"client_name":"JSON client","redirect_uris":["https://example.com/callback","urn:ietf:wg:oauth:2.0:oob"],"scopes":"read write"}""",
            Encoding.UTF8, "application/json"));
        using var fromMultipart = await client.PostAsync("/api/v1/apps", multipart);

        var apps = new List<JsonElement>();
        foreach (var response in new[] { form, json, fromMultipart })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            var app = await response.Content.ReadFromJsonAsync<JsonElement>();
            apps.Add(app);
            Assert.Equal(JsonValueKind.String, app.GetProperty("id").ValueKind);
            Assert.False(string.IsNullOrEmpty(app.GetProperty("client_id").GetString()));
            Assert.False(string.IsNullOrEmpty(app.GetProperty("client_secret").GetString()));
            Assert.Equal("https://example.com/callback\nurn:ietf:wg:oauth:2.0:oob", app.GetProperty("redirect_uri").GetString());
            Assert.Equal(["https://example.com/callback", "urn:ietf:wg:oauth:2.0:oob"], app.GetProperty("redirect_uris").EnumerateArray().Select(u => u.GetString()));
            Assert.Equal("", app.GetProperty("vapid_key").GetString());
        }

        var formApp = apps[0];
        Assert.Equal("Form client", formApp.GetProperty("name").GetString());
        Assert.Equal("https://example.com", formApp.GetProperty("website").GetString());
        Assert.Equal(["read", "write:statuses"], formApp.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["read"], apps[2].GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(3, await DatabaseProbe.CountAsync(factory, "applications", "oauth"));
    }

    [Theory, Providers]
    public async Task A_bad_registration_gets_422_with_a_Mastodon_error_and_creates_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var bodies = new[]
        {
            """{"redirect_uris":"urn:ietf:wg:oauth:2.0:oob"}""",
            """{"client_name":"No redirect"}""",
            """{"client_name":"Relative","redirect_uris":"/callback"}""",
            """{"client_name":"Script","redirect_uris":"javascript://x/%0aalert(1)"}""",
            """{"client_name":"Page","redirect_uris":"data:text/html,hi"}""",
            """{"client_name":"Unknown scope","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","scopes":"read admin:everything"}""",
            """{"client_name":"Bad website","redirect_uris":"urn:ietf:wg:oauth:2.0:oob","website":"javascript:alert(1)"}""",
            """["not an object"]""",
        };

        foreach (var body in bodies)
        {
            using var response = await client.PostAsync("/api/v1/apps", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("Validation failed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }

        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "applications", "oauth"));
    }
}
