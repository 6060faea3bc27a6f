using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coo.Modules.OAuth.Jobs;

namespace Coo.IntegrationTests.OAuth;

[Collection(ApiCollection.Name)]
public sealed class OAuthTokenTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_password_grant_token_carries_scope_and_created_at_and_works_on_Coos_own_API(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var alice = await client.CreateUserAsync("alice");
        var app = await client.CreateAppAsync();

        using var response = await client.RequestPasswordTokenAsync(app, alice, scope: "read write");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(token.TryGetProperty("access_token", out _), token.ToString());
        var accessToken = token.GetProperty("access_token").GetString()!;
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", accessToken);
        using var timeline = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline", accessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("read write", token.GetProperty("scope").GetString());
        Assert.InRange(token.GetProperty("created_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds());
        Assert.DoesNotContain('.', accessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("alice", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
    }

    [Theory, Providers]
    public async Task A_token_request_with_a_JSON_body_is_answered_as_a_form_would_be(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var bob = await client.CreateUserAsync("bob");
        var app = await client.CreateAppAsync();
        var body = JsonSerializer.Serialize(new
        {
            grant_type = "password",
            client_id = app.ClientId,
            client_secret = app.ClientSecret,
            username = bob.Username,
            password = bob.Password,
            scope = "read",
        });

        using var response = await client.PostAsync("/oauth/token", new StringContent(body, Encoding.UTF8, "application/json"));
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", token.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("read", token.GetProperty("scope").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory, Providers]
    public async Task A_token_request_whose_form_cannot_be_read_gets_invalid_request_as_OAuth_spells_it(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var dave = await client.CreateUserAsync("dave");
        var app = await client.CreateAppAsync();

        // A field name past the form reader's limit (2,048 characters): the form cannot be read at all.
        var body = $"grant_type=password&client_id={app.ClientId}&client_secret={app.ClientSecret}&username={dave.Username}&password={dave.Password}&{new string('x', 3000)}=1";
        using var response = await client.PostAsync("/oauth/token", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.False(error.TryGetProperty("access_token", out _));
        Assert.Contains("form", error.GetProperty("error_description").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Providers]
    public async Task A_revocation_request_whose_form_cannot_be_read_gets_invalid_request_as_OAuth_spells_it(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var app = await client.CreateAppAsync();

        var body = $"client_id={app.ClientId}&client_secret={app.ClientSecret}&token=whatever&{new string('x', 3000)}=1";
        using var response = await client.PostAsync("/oauth/revoke", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
    }

    [Theory, Providers]
    public async Task A_wrong_password_gets_invalid_grant_and_no_token(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var carol = await client.CreateUserAsync("carol");
        var app = await client.CreateAppAsync();
        var stranger = carol with { Username = "nobody" };

        using var wrong = await client.RequestPasswordTokenAsync(app, carol, password: "not the password");
        using var unknown = await client.RequestPasswordTokenAsync(app, stranger);
        var wrongError = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var unknownError = await unknown.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("application/json", wrong.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invalid_grant", wrongError.GetProperty("error").GetString());
        Assert.False(wrongError.TryGetProperty("access_token", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(wrongError.GetProperty("error_description").GetString(), unknownError.GetProperty("error_description").GetString());
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "tokens", "oauth"));
    }

    [Theory, Providers]
    public async Task A_read_token_reads_but_may_not_post_a_coo(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var dave = await client.CreateUserAsync("dave");
        var token = await client.PasswordTokenAsync(await client.CreateAppAsync(), dave, scope: "read");

        using var read = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline", token);
        using var post = await client.SendAsAsync(HttpMethod.Post, "/api/v1/coos", token, new { text = "hello" });
        using var postedWithSession = await client.PostCooAsync(dave, "hello");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Created, postedWithSession.StatusCode);
    }

    [Theory, Providers]
    public async Task A_write_token_posts_a_coo(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var erin = await client.CreateUserAsync("erin");
        var token = await client.PasswordTokenAsync(await client.CreateAppAsync(), erin, scope: "write:statuses");

        using var post = await client.SendAsAsync(HttpMethod.Post, "/api/v1/coos", token, new { text = "hello from an app" });

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
    }

    [Theory, Providers]
    public async Task A_scope_the_application_was_not_registered_for_is_refused(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var frank = await client.CreateUserAsync("frank");
        var app = await client.CreateAppAsync(scopes: "read");

        using var response = await client.RequestPasswordTokenAsync(app, frank, scope: "read write");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "tokens", "oauth"));
    }

    [Theory, Providers]
    public async Task A_client_credentials_token_is_refused_on_user_endpoints(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var app = await client.CreateAppAsync();

        using var response = await client.RequestTokenAsync(app, new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "read" });
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", token);
        using var timeline = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, timeline.StatusCode);
    }

    [Theory, Providers]
    public async Task A_revoked_token_stops_working(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var gina = await client.CreateUserAsync("gina");
        var app = await client.CreateAppAsync();
        var token = await client.PasswordTokenAsync(app, gina);
        using var before = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", token);

        using var revoked = await client.RevokeAsync(app, token);
        using var after = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Theory, Providers]
    public async Task A_revoked_token_is_pruned_after_two_weeks_and_a_live_one_keeps_working(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ida = await client.CreateUserAsync("ida");
        var app = await client.CreateAppAsync();
        var live = await client.PasswordTokenAsync(app, ida);
        var token = await client.PasswordTokenAsync(app, ida);
        using var revoked = await client.RevokeAsync(app, token);
        var issued = await DatabaseProbe.CountAsync(factory, "tokens", "oauth");

        await factory.RunJobAsync<TokenPruneJob>(TokenPruneJob.KeptFor - TimeSpan.FromDays(1));
        var keptWithinTwoWeeks = await DatabaseProbe.CountAsync(factory, "tokens", "oauth");
        await factory.RunJobAsync<TokenPruneJob>(TokenPruneJob.KeptFor + TimeSpan.FromMinutes(1));
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", live);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(issued, keptWithinTwoWeeks);
        Assert.Equal(issued - 1, await DatabaseProbe.CountAsync(factory, "tokens", "oauth"));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory, Providers]
    public async Task Coos_own_session_token_still_works_beside_OAuth_tokens(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var hank = await client.CreateUserAsync("hank");
        await client.PasswordTokenAsync(await client.CreateAppAsync(), hank);

        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", hank.Tokens.AccessToken);
        using var posted = await client.PostCooAsync(hank, "still here");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
    }

    [Theory, Providers]
    public async Task The_authorization_server_metadata_lists_the_endpoints_and_grant_types(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();

        using var response = await client.GetAsync("/.well-known/oauth-authorization-server");
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/oauth/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.EndsWith("/oauth/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.EndsWith("/oauth/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        var grants = metadata.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Subset(new HashSet<string?>(grants), new HashSet<string?> { "authorization_code", "refresh_token", "client_credentials", "password" });
        Assert.Contains("read:statuses", metadata.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
    }
}
