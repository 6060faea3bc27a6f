using System.Diagnostics;
using System.Globalization;
using static Coo.IntegrationTests.RateLimiting.RateLimitAssertions;

namespace Coo.IntegrationTests.RateLimiting;

/// <summary>Limits across host instances: one count in Redis when it is configured, one per instance otherwise.</summary>
public sealed class SharedRateLimitTests
{
    private const int ReadLimit = 5;

    [RedisFact]
    public async Task Two_hosts_on_one_Redis_together_accept_no_more_than_one_limit()
    {
        var prefix = $"coo-test:{Guid.NewGuid():N}:";
        await using var first = LowReadLimitHost(TestEnvironment.RedisConnectionString, prefix);
        await using var second = LowReadLimitHost(TestEnvironment.RedisConnectionString, prefix);
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        await WarmUpAsync(one, two);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * ReadLimit; i++)
        {
            using var read = await (i % 2 == 0 ? one : two).GetAsync("/api/v1/users/nobody");
            statuses.Add(read.StatusCode);
            if (i < ReadLimit)
            {
                // Each host reports the quota left on the shared counter, not on its own.
                HasQuota(read, ReadLimit, ReadLimit - i - 1, TimeSpan.FromMinutes(10));
            }
            else
            {
                await IsRejectedAsync(read, ReadLimit, TimeSpan.FromMinutes(10));
            }
        }

        Assert.Equal(ReadLimit, statuses.Count(s => s == HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Without_Redis_each_host_counts_its_own_requests()
    {
        await using var first = LowReadLimitHost(redis: null, prefix: null);
        await using var second = LowReadLimitHost(redis: null, prefix: null);
        using var one = first.CreateClient();
        using var two = second.CreateClient();

        var accepted = 0;
        for (var i = 0; i < 2 * ReadLimit; i++)
        {
            using var read = await (i % 2 == 0 ? one : two).GetAsync("/api/v1/users/nobody");
            accepted += read.StatusCode == HttpStatusCode.NotFound ? 1 : 0;
        }

        Assert.Equal(2 * ReadLimit, accepted);
    }

    [Fact]
    public async Task An_unreachable_Redis_neither_fails_nor_stalls_requests_and_limits_still_hold_per_instance()
    {
        await using var host = LowReadLimitHost("127.0.0.1:1,connectTimeout=500,abortConnect=false", prefix: null);
        using var client = host.CreateClient();
        await WarmUpAsync(client);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < ReadLimit; i++)
        {
            var started = clock.Elapsed;
            using var read = await client.GetAsync("/api/v1/users/nobody");
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
            HasQuota(read, ReadLimit, ReadLimit - i - 1, TimeSpan.FromMinutes(10));
            Assert.True(clock.Elapsed - started < TimeSpan.FromSeconds(1), $"request {i + 1} took {(clock.Elapsed - started).TotalMilliseconds:F0} ms");
        }

        using var refused = await client.GetAsync("/api/v1/users/nobody");
        await IsRejectedAsync(refused, ReadLimit, TimeSpan.FromMinutes(10));
    }

    [RedisFact]
    public async Task A_slow_or_stopped_Redis_neither_fails_nor_stalls_requests()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var host = LowReadLimitHost(redis.ConnectionString, prefix: null);
        using var client = host.CreateClient();
        await WarmUpAsync(client);
        using (var shared = await client.GetAsync("/api/v1/users/nobody"))
        {
            HasQuota(shared, ReadLimit, ReadLimit - 1, TimeSpan.FromMinutes(10));
        }

        redis.Freeze();
        await ReadPromptlyAsync(client, "while Redis is stalled");
        await redis.KillAsync();
        await ReadPromptlyAsync(client, "after Redis stopped");
    }

    private static async Task ReadPromptlyAsync(HttpClient client, string when)
    {
        var clock = Stopwatch.StartNew();
        using var read = await client.GetAsync("/api/v1/users/nobody");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.NotNull(Header(read, "RateLimit-Remaining"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"a read {when} took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    private static CooApiFactory LowReadLimitHost(string? redis, string? prefix)
    {
        var factory = new CooApiFactory(TestProvider.Sqlite)
        {
            Settings =
            {
                ["RateLimits:Reads:PermitLimit"] = ReadLimit.ToString(CultureInfo.InvariantCulture),
                ["RateLimits:Reads:Window"] = "00:10:00",
            },
        };
        if (redis is not null)
        {
            factory.Settings["ConnectionStrings:Redis"] = redis;
        }

        if (prefix is not null)
        {
            factory.Settings["RateLimits:RedisKeyPrefix"] = prefix;
        }

        return factory;
    }

    /// <summary>Starts the hosts (migrations, Redis connection) outside the timed and counted requests.</summary>
    private static async Task WarmUpAsync(params HttpClient[] clients)
    {
        foreach (var client in clients)
        {
            using var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
    }
}
