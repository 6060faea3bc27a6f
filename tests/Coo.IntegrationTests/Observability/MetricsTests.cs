using System.Net.Http.Headers;
using Coo.IntegrationTests.RateLimiting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Coo.IntegrationTests.Observability;

/// <summary>A host of its own: outbox gauges refreshed every 100 ms, and /metrics open to one network and a token.</summary>
public sealed class MetricsHost : IDisposable
{
    public const string AllowedNetwork = "10.99.0.0/16";
    public const string ScrapeToken = "integration-tests-scrape-token";

    private readonly CooApiFactory _factory = new(TestProvider.Sqlite)
    {
        Settings =
        {
            ["Metrics:OutboxRefreshInterval"] = "00:00:00.100",
            ["Metrics:AllowedNetworks:0"] = AllowedNetwork,
            ["Metrics:ScrapeToken"] = ScrapeToken,
        },
    };

    public MetricsHost() => Host = TestPeerAddress.Enable(_factory);

    public WebApplicationFactory<Program> Host { get; }

    public HttpClient NewClient(string? peer = null) => TestPeerAddress.NewClient(Host, peer);

    public void Dispose()
    {
        Host.Dispose();
        _factory.Dispose();
    }
}

/// <summary>Each metric moves when the test does the matching thing; every test uses users of its own.</summary>
[Collection(SerialCollection.Name)]
public sealed class MetricsTests(MetricsHost host) : IClassFixture<MetricsHost>
{
    [Fact]
    public async Task Posting_a_coo_counts_it()
    {
        using var metrics = new MetricsRecorder(host.Host.Services);
        using var client = host.NewClient();
        var author = await client.CreateUserAsync("m_poster");

        await client.PostCooOkAsync(author, "counted");
        await client.PostCooOkAsync(author, "counted too");

        Assert.Equal(2, metrics.Sum("coo.coos.posted"));
    }

    [Fact]
    public async Task Follows_and_unfollows_are_counted_by_action()
    {
        using var client = host.NewClient();
        var follower = await client.CreateUserAsync("m_follower");
        await client.CreateUserAsync("m_followee");
        using var metrics = new MetricsRecorder(host.Host.Services);

        await client.FollowOkAsync(follower, "m_followee");
        await client.FollowOkAsync(follower, "m_followee"); // already following: no new follow
        await client.UnfollowOkAsync(follower, "m_followee");

        Assert.Equal(1, metrics.Sum("coo.follows", ("action", "follow")));
        Assert.Equal(1, metrics.Sum("coo.follows", ("action", "unfollow")));
    }

    [Fact]
    public async Task A_failed_sign_in_is_counted_with_its_reason()
    {
        using var client = host.NewClient();
        await client.CreateUserAsync("m_signin");
        using var metrics = new MetricsRecorder(host.Host.Services);

        using var refused = await client.SignInAsync("m_signin", "not the password at all");
        using var accepted = await client.SignInAsync("m_signin");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, metrics.Sum("coo.sign_in.failures"));
        Assert.Equal(1, metrics.Sum("coo.sign_in.failures", ("reason", "auth.invalid-credentials")));
    }

    [Fact]
    public async Task A_rate_limit_rejection_is_counted_under_its_policy()
    {
        using var lowLimits = new LowLimitsHost();
        using var metrics = new MetricsRecorder(lowLimits.Host.Services);
        using var client = lowLimits.NewClient();
        var author = await client.CreateUserAsync("m_limited");
        for (var i = 0; i < LowLimitsHost.Posting; i++)
        {
            await client.PostCooOkAsync(author, $"coo {i}");
        }

        using var refused = await client.PostCooAsync(author, "one too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(1, metrics.Sum("coo.rate_limit.rejections", ("policy", "posting")));
        Assert.Equal(1, metrics.Sum("coo.rate_limit.rejections"));
    }

    /// <summary>
    /// On PostgreSQL, where a consumer's transaction does not stop others from writing (SQLite's single writer would
    /// hold the registrations back until the blocked delivery ends, so no backlog could build up).
    /// </summary>
    [Fact]
    public async Task A_blocked_consumer_shows_as_a_growing_backlog_of_its_module_that_drains_afterwards()
    {
        await using var factory = new CooApiFactory(TestProvider.PostgreSql, ownDatabase: true)
        {
            Settings = { ["Metrics:OutboxRefreshInterval"] = "00:00:00.100" },
        };
        using var client = factory.CreateClient();
        using var metrics = new MetricsRecorder(factory.Services);
        var users = ("module", "users");
        await Eventually.MatchAsync(() => Task.FromResult(metrics.Observe("coo.outbox.pending", users)), v => v == 0, what: "an empty users outbox");

        // The probe consumer hangs in its first delivery, so the next registrations wait in its queue (the users inbox).
        factory.Probe.Delay = TimeSpan.FromSeconds(3);
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                using var registered = await client.RegisterAsync($"m_backlog{i}");
                Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            }

            await Eventually.MatchAsync(() => Task.FromResult(metrics.Observe("coo.outbox.pending", users)), v => v >= 3, what: "three pending messages");
            await Eventually.MatchAsync(() => Task.FromResult(metrics.Observe("coo.outbox.oldest_age", users)), v => v > 0.2, what: "the oldest message to age");
        }
        finally
        {
            factory.Probe.Delay = TimeSpan.Zero;
        }

        await Eventually.MatchAsync(() => Task.FromResult(metrics.Observe("coo.outbox.pending", users)), v => v == 0, what: "the backlog to drain");
        Assert.Equal(0d, metrics.Observe("coo.outbox.oldest_age", users));
    }

    [Fact]
    public async Task A_consumer_that_always_fails_is_counted_and_its_parked_message_shows_in_the_gauge()
    {
        using var metrics = new MetricsRecorder(host.Host.Services);
        using var client = host.NewClient();
        var users = ("module", "users");
        var parkedBefore = await Eventually.MatchAsync(() => Task.FromResult(metrics.Observe("coo.outbox.parked", users)), v => v is not null, what: "the parked gauge");

        using var registered = await client.RegisterAsync("poison_metrics");

        await Eventually.MatchAsync(() => Task.FromResult(metrics.Observe("coo.outbox.parked", users)), v => v == parkedBefore + 1, what: "one more parked message");
        Assert.Equal(CooApiFactory.MaxAttempts, metrics.Sum("coo.consumer.failures", ("consumer", typeof(ProbeHandler).FullName!)));
    }

    [Fact]
    public async Task A_fan_out_records_its_lag()
    {
        using var client = host.NewClient();
        var author = await client.CreateUserAsync("m_fan_author");
        var follower = await client.CreateUserAsync("m_fan_follower");
        await client.FollowOkAsync(follower, "m_fan_author");
        using var metrics = new MetricsRecorder(host.Host.Services);

        await client.PostCooOkAsync(author, "fanned out");
        await client.HomeTimelineBecomesAsync(follower, "fanned out");

        var lag = await Eventually.MatchAsync(() => Task.FromResult(metrics.Values("coo.timeline.fan_out.lag")), v => v.Count >= 1, what: "a fan-out lag observation");
        Assert.All(lag, seconds => Assert.InRange(seconds, 0, 30));
    }
}

/// <summary>
/// What <c>/metrics</c> serves and to whom, scraped from a host no test of this class disposes: OpenTelemetry lets a
/// disposed host's meter end the streams of every other host's meter of the same name in the process
/// (open-telemetry/opentelemetry-dotnet issue 6412), as the short-lived hosts of <see cref="MetricsTests"/> do. Beside
/// them, a scrape passed or failed by the order the tests ran in.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ScrapedMetricsTests(MetricsHost host) : IClassFixture<MetricsHost>
{
    [Fact]
    public async Task Metrics_are_served_in_Prometheus_format_to_allowed_callers_only()
    {
        using var anonymous = host.NewClient();
        var user = await anonymous.CreateUserAsync("m_not_admin");
        var admin = await anonymous.CreateAdminAsync(host.Host.Services);
        using var fromAllowedNetwork = host.NewClient("10.99.3.4");

        using var refusedAnonymous = await anonymous.GetAsync("/metrics");
        using var refusedWrongToken = await anonymous.SendAsync(Scrape("not-the-scrape-token"));
        using var refusedUser = await anonymous.SendAsAsync(HttpMethod.Get, "/metrics", user.Tokens.AccessToken);
        using var byAdmin = await anonymous.SendAsAsync(HttpMethod.Get, "/metrics", admin.Tokens.AccessToken);
        using var byToken = await anonymous.SendAsync(Scrape(MetricsHost.ScrapeToken));
        using var byNetwork = await fromAllowedNetwork.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, refusedAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedWrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedUser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byNetwork.StatusCode);
        Assert.Equal("text/plain", byNetwork.Content.Headers.ContentType?.MediaType);

        var text = await byNetwork.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE coo_outbox_pending gauge", text, StringComparison.Ordinal);
        Assert.Contains("coo_outbox_pending{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("RateLimit-Limit", string.Join(",", byNetwork.Headers.Select(h => h.Key)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_rate_limited_read_records_its_duration_and_nothing_that_duplicates_it()
    {
        using var client = host.NewClient("10.99.5.6");
        var reader = await client.CreateUserAsync("m_reader");
        using var read = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/timeline", reader.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // The duration is recorded as the request ends, and a scrape may answer from the exporter's short cache.
        var text = await Eventually.MatchAsync(
            () => client.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            scraped => scraped.Contains("http_route=\"/api/v1/users/me/timeline\"", StringComparison.Ordinal),
            what: "the read's duration in /metrics");

        foreach (var perRequestDuplicate in new[] { "aspnetcore_authentication_", "aspnetcore_authorization_", "aspnetcore_rate_limiting_", "aspnetcore_routing_" })
        {
            Assert.DoesNotContain(perRequestDuplicate, text, StringComparison.Ordinal);
        }
    }

    private static HttpRequestMessage Scrape(string token) => new(HttpMethod.Get, "/metrics")
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
}

/// <summary>The Redis timeline cache counts its hits and misses (server mode).</summary>
[Collection(ApiCollection.Name)]
public sealed class TimelineCacheMetricsTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_first_home_read_misses_the_cache_and_the_next_one_hits_it()
    {
        var factory = await fixture.StartAsync(TestProvider.PostgreSql);
        Assert.True(factory.UsesRedis, "Server mode needs COO_TEST_REDIS for its timeline cache.");
        using var client = factory.CreateClient();
        var reader = await client.CreateUserAsync("m_cache_reader");
        using var metrics = new MetricsRecorder(factory.Services);

        await client.HomePageAsync(reader);
        await client.HomePageAsync(reader);

        Assert.Equal(1, metrics.Sum("coo.timeline.cache.misses"));
        Assert.Equal(1, metrics.Sum("coo.timeline.cache.hits"));
    }
}
