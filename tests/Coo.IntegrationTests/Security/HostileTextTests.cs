using System.Text;
using System.Text.Json;

namespace Coo.IntegrationTests.Security;

/// <summary>
/// Text no person types — noncharacters, unpaired surrogates, control characters — is a 400 validation problem in
/// every text field, never a 500, and changes nothing. Bodies are written by hand so that the escapes reach the
/// server exactly as a hostile client sends them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileTextTests(ApiFixture fixture)
{
    /// <summary>JSON string escapes of characters the text rules refuse, each between two letters.</summary>
    public static readonly string[] Hostile =
    [
        @"\ufffe", // noncharacter (String.Normalize throws on it)
        @"\uffff",
        @"\ufdd0",
        @"\ud83f\udffe", // U+1FFFE, a noncharacter outside the BMP
        @"\ud800", // unpaired high surrogate
        @"\udc00", // unpaired low surrogate
        @"\u0000", // NUL (PostgreSQL refuses it in text)
        @"\u0007",
        @"\u001b",
        @"\u0085", // a C1 control character
    ];

    private static readonly string[] UnpairedSurrogates = [@"\ud800", @"\udc00"];

    [Theory, Providers]
    public async Task Registration_refuses_hostile_text_in_every_field_and_stores_nothing(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        foreach (var hostile in Hostile)
        {
            using var displayName = await PostJsonAsync(client, "/api/v1/users", null,
                $$"""{"username":"hostile1","email":"hostile1@example.com","password":"a long enough pass phrase","displayName":"a{{hostile}}b"}""");
            using var email = await PostJsonAsync(client, "/api/v1/users", null,
                $$"""{"username":"hostile2","email":"a{{hostile}}b@example.com","password":"a long enough pass phrase"}""");
            using var password = await PostJsonAsync(client, "/api/v1/users", null,
                $$"""{"username":"hostile3","email":"hostile3@example.com","password":"a long enough{{hostile}}pass phrase"}""");
            using var username = await PostJsonAsync(client, "/api/v1/users", null,
                $$"""{"username":"ab{{hostile}}c","email":"hostile4@example.com","password":"a long enough pass phrase"}""");

            await AssertRefusedAsync(displayName, "displayName", hostile);
            await AssertRefusedAsync(email, "email", hostile);
            await AssertRefusedAsync(password, "password", hostile);
            await AssertRefusedAsync(username, "username", hostile);
        }

        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "users"));
    }

    [Theory, Providers]
    public async Task Profile_edits_refuse_hostile_text_and_leave_the_profile_unchanged(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("calm");
        using var before = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", user.Tokens.AccessToken, new { displayName = "Calm", bio = "Quiet.\nReally." });
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        foreach (var hostile in Hostile)
        {
            using var displayName = await PatchJsonAsync(client, user.Tokens.AccessToken, $$"""{"displayName":"a{{hostile}}b"}""");
            using var bio = await PatchJsonAsync(client, user.Tokens.AccessToken, $$"""{"bio":"a{{hostile}}b"}""");

            await AssertRefusedAsync(displayName, "displayName", hostile);
            await AssertRefusedAsync(bio, "bio", hostile);
        }

        var profile = await client.ProfileAsync("calm");
        Assert.Equal("Calm", profile.DisplayName);
        Assert.Equal("Quiet.\nReally.", profile.Bio);
    }

    [Theory, Providers]
    public async Task Posting_refuses_hostile_text_and_stores_no_coo(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("poster");

        foreach (var hostile in Hostile.Append(@"\t"))
        {
            using var response = await PostJsonAsync(client, "/api/v1/coos", author.Tokens.AccessToken, $$"""{"text":"a{{hostile}}b"}""");

            await AssertRefusedAsync(response, "text", hostile);
        }

        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "coos", "coos"));
    }

    [Theory, Providers]
    public async Task Text_people_do_type_is_accepted_line_breaks_emoji_and_right_to_left_marks_included(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var author = await client.CreateUserAsync("typist");

        using var coo = await PostJsonAsync(client, "/api/v1/coos", author.Tokens.AccessToken, """{"text":"first line\nsecond \ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 \u200f\u05e9\u05dc\u05d5\u05dd"}""");
        using var bio = await PatchJsonAsync(client, author.Tokens.AccessToken, """{"bio":"one\r\ntwo","displayName":"T\u00fcp \ud83d\udc4d\ud83c\udffd"}""");

        Assert.Equal(HttpStatusCode.Created, coo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bio.StatusCode);
        var posted = (await coo.Content.ReadFromJsonAsync<CooItem>())!;
        Assert.Equal("first line\nsecond 👩‍👩‍👧 \u200fשלום", posted.Text);
    }

    [Theory, Providers]
    public async Task Signing_in_with_hostile_text_is_refused_without_a_server_error(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        await client.CreateUserAsync("signer");

        foreach (var (hostile, index) in Hostile.Select((h, i) => (h, i)))
        {
            // Each wrong password goes to an account of its own, so that no lockout hides the answer.
            await client.CreateUserAsync($"signer{index}");
            using var username = await PostJsonAsync(client, "/api/v1/auth/token", null, $$"""{"username":"si{{hostile}}gner","password":"a long enough pass phrase"}""");
            using var email = await PostJsonAsync(client, "/api/v1/auth/token", null, $$"""{"username":"si{{hostile}}gner@example.com","password":"a long enough pass phrase"}""");
            using var password = await PostJsonAsync(client, "/api/v1/auth/token", null, $$"""{"username":"signer{{index}}","password":"a long{{hostile}}enough pass phrase"}""");

            await AssertRefusedAsync(username, "username", hostile);
            await AssertRefusedAsync(email, "username", hostile);
            Assert.True(password.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{hostile}: {password.StatusCode}");
        }
    }

    [Theory, Providers]
    public async Task Analytics_properties_with_hostile_text_are_refused_and_nothing_is_counted(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var occurredAt = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        foreach (var hostile in Hostile)
        {
            using var value = await PostJsonAsync(client, "/api/v1/analytics/events", null,
                $$$"""{"events":[{"name":"timeline_viewed","occurredAt":"{{{occurredAt}}}","properties":{"tab":"a{{{hostile}}}b"}}]}""");
            using var name = await PostJsonAsync(client, "/api/v1/analytics/events", null,
                $$$"""{"events":[{"name":"timeline_viewed","occurredAt":"{{{occurredAt}}}","properties":{"a{{{hostile}}}b":"home"}}]}""");
            using var eventName = await PostJsonAsync(client, "/api/v1/analytics/events", null,
                $$"""{"events":[{"name":"timeline{{hostile}}viewed","occurredAt":"{{occurredAt}}"}]}""");

            await AssertRefusedAsync(value, "events[0].properties", hostile);
            await AssertRefusedAsync(name, "events[0].properties", hostile);
            await AssertRefusedAsync(eventName, "events[0].name", hostile);
        }

        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "raw_client_events", "analytics"));
    }

    [Theory, Providers]
    public async Task Usernames_in_paths_with_hostile_text_are_simply_not_found(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var reader = await client.CreateUserAsync("reader");

        foreach (var path in new[] { "a%EF%BF%BEb", "a%C2%85b", "a%ED%A0%80b" })
        {
            using var profile = await client.GetAsync($"/api/v1/users/{path}");
            using var coos = await client.GetAsync($"/api/v1/users/{path}/coos");
            using var followers = await client.GetAsync($"/api/v1/users/{path}/followers");
            using var follow = await client.SendAsAsync(HttpMethod.Put, $"/api/v1/users/{path}/follow", reader.Tokens.AccessToken);

            foreach (var response in new[] { profile, coos, followers, follow })
            {
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string hostile)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field} with {hostile}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var problem = await response.ReadProblemAsync();
        if (UnpairedSurrogates.Contains(hostile))
        {
            // The JSON reader itself refuses an escape that is not valid UTF-16, before any field is bound.
            Assert.Equal("urn:coo:problem:malformed-request", problem.GetProperty("type").GetString());
            return;
        }

        Assert.Equal("urn:coo:problem:validation", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
        Assert.True(errors.ContainsKey(field), $"{field} with {hostile}: errors for {string.Join(", ", errors.Keys)}");
    }

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, string? accessToken, string json) =>
        SendJsonAsync(client, HttpMethod.Post, url, accessToken, json);

    private static Task<HttpResponseMessage> PatchJsonAsync(HttpClient client, string accessToken, string json) =>
        SendJsonAsync(client, HttpMethod.Patch, "/api/v1/users/me", accessToken, json);

    private static async Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, string? accessToken, string json)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (accessToken is not null)
        {
            request.Authorized(accessToken);
        }

        return await client.SendAsync(request);
    }
}
