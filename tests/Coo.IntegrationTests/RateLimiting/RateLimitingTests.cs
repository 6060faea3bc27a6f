using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Coo.IntegrationTests.RateLimiting.RateLimitAssertions;

namespace Coo.IntegrationTests.RateLimiting;

/// <summary>One host with low limits; every test uses its own client IPs and users, so their quotas never meet.</summary>
public sealed class LowLimitsHost : IDisposable
{
    public const int Posting = 3;
    public const int Following = 3;
    public const int SignInPerIp = 5;
    public const int SignInPerUsername = 3;
    public const int Sessions = 3;
    public const int Registering = 3;
    public const int Reads = 5;
    public const string TrustedProxy = "10.250.0.1";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly CooApiFactory _factory = new(TestProvider.Sqlite);

    public LowLimitsHost()
    {
        Limit("Posting", Posting);
        Limit("Following", Following);
        Limit("SignIn", SignInPerIp);
        Limit("SignInPerUsername", SignInPerUsername);
        Limit("Sessions", Sessions);
        Limit("Registering", Registering);
        Limit("Reads", Reads);
        _factory.Settings["ForwardedHeaders:KnownProxies:0"] = TrustedProxy;
        Host = TestPeerAddress.Enable(_factory);
    }

    public WebApplicationFactory<Program> Host { get; }

    public HttpClient NewClient(string? peer = null) => TestPeerAddress.NewClient(Host, peer);

    public void Dispose()
    {
        Host.Dispose();
        _factory.Dispose();
    }

    private void Limit(string section, int permits)
    {
        _factory.Settings[$"RateLimits:{section}:PermitLimit"] = permits.ToString(CultureInfo.InvariantCulture);
        _factory.Settings[$"RateLimits:{section}:Window"] = Window.ToString();
    }
}

[Collection(SerialCollection.Name)]
public sealed class RateLimitingTests(LowLimitsHost host) : IClassFixture<LowLimitsHost>
{
    private static readonly TimeSpan Window = LowLimitsHost.Window;

    [Fact]
    public async Task Posting_beyond_the_limit_is_refused_with_a_429_problem_and_stores_nothing()
    {
        using var client = host.NewClient();
        var author = await client.CreateUserAsync("rl_poster");
        for (var i = 1; i <= LowLimitsHost.Posting; i++)
        {
            using var accepted = await client.PostCooAsync(author, $"coo {i}");
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
            HasQuota(accepted, LowLimitsHost.Posting, LowLimitsHost.Posting - i, Window);
        }

        using var refused = await client.PostCooAsync(author, "one too many");

        await IsRejectedAsync(refused, LowLimitsHost.Posting, Window);
        using var reader = host.NewClient();
        var stored = await reader.GetFromJsonAsync<CooPage>("/api/v1/users/rl_poster/coos");
        Assert.Equal(["coo 3", "coo 2", "coo 1"], stored!.Items.Select(c => c.Text));
    }

    [Fact]
    public async Task Each_user_has_a_posting_quota_of_their_own()
    {
        using var client = host.NewClient();
        var busy = await client.CreateUserAsync("rl_busy");
        var quiet = await client.CreateUserAsync("rl_quiet");
        for (var i = 1; i <= LowLimitsHost.Posting; i++)
        {
            await client.PostCooOkAsync(busy, $"busy {i}");
        }

        using var refused = await client.PostCooAsync(busy, "busy again");
        using var other = await client.PostCooAsync(quiet, "quiet, from the same IP");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        HasQuota(other, LowLimitsHost.Posting, LowLimitsHost.Posting - 1, Window);
    }

    [Fact]
    public async Task Following_and_unfollowing_share_one_quota_and_a_refused_change_changes_nothing()
    {
        using var client = host.NewClient();
        var follower = await client.CreateUserAsync("rl_follower");
        await client.CreateUserAsync("rl_followee");
        await client.FollowOkAsync(follower, "rl_followee");
        await client.UnfollowOkAsync(follower, "rl_followee");
        await client.FollowOkAsync(follower, "rl_followee");

        using var refused = await client.SendAsAsync(HttpMethod.Delete, "/api/v1/users/rl_followee/follow", follower.Tokens.AccessToken);

        await IsRejectedAsync(refused, LowLimitsHost.Following, Window);
        using var reader = host.NewClient();
        Assert.Equal(1, (await reader.ProfileAsync("rl_followee")).FollowersCount);
    }

    [Fact]
    public async Task Registering_is_limited_per_client_IP_and_a_refused_registration_creates_no_account()
    {
        using var client = host.NewClient();
        for (var i = 1; i <= LowLimitsHost.Registering; i++)
        {
            using var registered = await client.RegisterAsync($"rl_reg{i}");
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            HasQuota(registered, LowLimitsHost.Registering, LowLimitsHost.Registering - i, Window);
        }

        using var refused = await client.RegisterAsync("rl_reg_late");
        await IsRejectedAsync(refused, LowLimitsHost.Registering, Window);

        using var elsewhere = host.NewClient();
        using var missing = await elsewhere.GetAsync("/api/v1/users/rl_reg_late");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var fromAnotherIp = await elsewhere.RegisterAsync("rl_reg_late");
        Assert.Equal(HttpStatusCode.Created, fromAnotherIp.StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_username_whatever_IP_the_attempts_come_from()
    {
        for (var i = 1; i <= LowLimitsHost.SignInPerUsername; i++)
        {
            using var client = host.NewClient();
            using var attempt = await client.SignInAsync(i % 2 == 0 ? "RL_Victim" : "rl_victim", "wrong password");
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
            HasQuota(attempt, LowLimitsHost.SignInPerUsername, LowLimitsHost.SignInPerUsername - i, Window);
        }

        using var attacker = host.NewClient();
        using var refused = await attacker.SignInAsync("rl_victim", "yet another guess");
        using var otherAccount = await attacker.SignInAsync("rl_bystander", "a guess");

        await IsRejectedAsync(refused, LowLimitsHost.SignInPerUsername, Window);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Sign_in_is_limited_per_client_IP_across_usernames()
    {
        using var client = host.NewClient();
        for (var i = 1; i <= LowLimitsHost.SignInPerIp; i++)
        {
            using var attempt = await client.SignInAsync($"rl_spray{i}", "a common password");
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        using var refused = await client.SignInAsync("rl_spray_last", "a common password");

        await IsRejectedAsync(refused, LowLimitsHost.SignInPerIp, Window);
    }

    [Fact]
    public async Task The_OAuth_password_grant_is_limited_per_client_IP_and_per_username_as_signing_in_is()
    {
        using var client = host.NewClient();
        var app = await OAuth.OAuthClients.CreateAppAsync(client);
        for (var i = 1; i <= LowLimitsHost.SignInPerUsername; i++)
        {
            using var attempt = await PasswordGrantAsync(client, app, i % 2 == 0 ? "RL_OAUTH_VICTIM" : "rl_oauth_victim");
            Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        }

        using var sameUsername = await PasswordGrantAsync(host.NewClient(), app, "rl_oauth_victim");
        for (var i = LowLimitsHost.SignInPerUsername + 1; i <= LowLimitsHost.SignInPerIp; i++)
        {
            using var attempt = await PasswordGrantAsync(client, app, $"rl_oauth_spray{i}");
            Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        }

        using var sameIp = await PasswordGrantAsync(client, app, "rl_oauth_spray_last");

        foreach (var refused in new[] { sameUsername, sameIp })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("error", out _));
        }
    }

    [Fact]
    public async Task Refreshing_sessions_is_limited()
    {
        using var client = host.NewClient();
        for (var i = 1; i <= LowLimitsHost.Sessions; i++)
        {
            using var attempt = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = $"not-a-token-{i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" });

        await IsRejectedAsync(refused, LowLimitsHost.Sessions, Window);
    }

    [Fact]
    public async Task Reads_are_limited_per_client_IP_for_anonymous_callers_and_per_user_once_signed_in()
    {
        using var client = host.NewClient();
        var reader = await client.CreateUserAsync("rl_reader");
        string[] reads = ["/api/v1/users/rl_reader", "/api/v1/users/rl_reader/coos", "/api/v1/users/rl_reader/followers", "/api/v1/users/rl_reader/following", "/api/v1/coos/1"];
        Assert.Equal(LowLimitsHost.Reads, reads.Length);
        for (var i = 0; i < reads.Length; i++)
        {
            using var read = await client.GetAsync(reads[i]);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, read.StatusCode);
            HasQuota(read, LowLimitsHost.Reads, LowLimitsHost.Reads - i - 1, Window);
        }

        using var refused = await client.GetAsync("/api/v1/users/rl_reader");
        using var signedIn = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline", reader.Tokens.AccessToken);

        await IsRejectedAsync(refused, LowLimitsHost.Reads, Window);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        HasQuota(signedIn, LowLimitsHost.Reads, LowLimitsHost.Reads - 1, Window);
    }

    [Fact]
    public async Task Health_and_docs_are_not_limited()
    {
        using var client = host.NewClient();
        foreach (var path in Enumerable.Repeat("/health/live", LowLimitsHost.Reads * 2).Append("/openapi/v1.json"))
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(Header(response, "RateLimit-Limit"));
        }
    }

    [Fact]
    public void Every_write_the_rate_limits_table_names_is_counted_against_its_policy()
    {
        var policies = host.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                Operation: $"{method} /{endpoint.RoutePattern.RawText!.Trim('/')}",
                Policy: endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName)))
            .ToLookup(endpoint => endpoint.Operation, endpoint => endpoint.Policy);

        // The README's table of rate limits, operation by operation: Mastodon's share the budgets of Coo's own.
        (string Operation, string Policy)[] expected =
        [
            ("POST /api/v1/coos", "posting"),
            ("POST /api/v1/statuses", "posting"),
            ("PUT /api/v1/users/{username}/follow", "following"),
            ("DELETE /api/v1/users/{username}/follow", "following"),
            ("POST /api/v1/accounts/{id}/follow", "following"),
            ("POST /api/v1/accounts/{id}/unfollow", "following"),
            ("PUT /api/v1/users/me/pinned-coo", "pinning"),
            ("DELETE /api/v1/users/me/pinned-coo", "pinning"),
            ("PUT /api/v1/coos/{id:long}/like", "reacting"),
            ("DELETE /api/v1/coos/{id:long}/like", "reacting"),
            ("PUT /api/v1/coos/{id:long}/repost", "reacting"),
            ("DELETE /api/v1/coos/{id:long}/repost", "reacting"),
            ("POST /api/v1/statuses/{id}/favourite", "reacting"),
            ("POST /api/v1/statuses/{id}/unfavourite", "reacting"),
            ("POST /api/v1/statuses/{id}/reblog", "reacting"),
            ("POST /api/v1/statuses/{id}/unreblog", "reacting"),
            ("POST /api/v1/auth/refresh", "sessions"),
            ("POST /api/v1/auth/logout", "sessions"),
            ("POST /api/v1/users", "registering"),
            ("POST /api/v1/media", "uploading"),
            ("PUT /api/v1/media/avatar", "uploading"),
            ("DELETE /api/v1/media/avatar", "uploading"),
            ("POST /api/v1/analytics/events", "analytics"),
        ];
        Assert.All(expected, operation => Assert.True(
            policies[operation.Operation].SequenceEqual([operation.Policy]),
            $"{operation.Operation}: {string.Join(", ", policies[operation.Operation].Select(p => p ?? "none"))} instead of {operation.Policy}"));
    }

    [Fact]
    public async Task The_API_document_shows_which_operations_may_answer_429()
    {
        using var client = host.NewClient();

        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        var posting = paths.GetProperty("/api/v1/coos").GetProperty("post").GetProperty("responses");
        Assert.True(posting.TryGetProperty("429", out var tooMany));
        Assert.True(tooMany.GetProperty("headers").TryGetProperty("Retry-After", out _));
        Assert.False(paths.GetProperty("/api/v1/users/me").GetProperty("patch").GetProperty("responses").TryGetProperty("429", out _));
    }

    [Fact]
    public async Task A_forwarded_client_IP_is_believed_only_from_a_known_proxy()
    {
        // Through the trusted proxy, each forwarded client has its own quota.
        using var proxy = host.NewClient(LowLimitsHost.TrustedProxy);
        for (var i = 0; i <= LowLimitsHost.Reads; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/nobody");
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var read = await proxy.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        // A client that is not a known proxy cannot pose as others: it is counted by its own address.
        using var spoofer = host.NewClient();
        for (var i = 0; i < LowLimitsHost.Reads; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/nobody");
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var read = await spoofer.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/nobody");
        spoofed.Headers.Add("X-Forwarded-For", "198.51.100.99");
        using var refused = await spoofer.SendAsync(spoofed);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> PasswordGrantAsync(HttpClient client, OAuth.OAuthApp app, string username) =>
        client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["username"] = username,
            ["password"] = "a guess",
        }));
}
