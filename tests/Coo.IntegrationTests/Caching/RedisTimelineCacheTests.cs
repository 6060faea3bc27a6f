using System.Diagnostics.Metrics;
using Coo.Modules.Timeline;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Coo.IntegrationTests.Caching;

/// <summary>Server mode's shared timelines in a real Redis, written as a fan-out writes them (under keys of the test's own).</summary>
[Collection(ApiCollection.Name)]
public sealed class RedisTimelineCacheTests
{
    [Fact]
    public async Task Coos_added_together_reach_each_of_their_own_owners_cached_timelines_and_no_other()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RequiredRedisConnectionString);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new CooMetrics(services.GetRequiredService<IMeterFactory>(), new OutboxBacklog(TimeProvider.System), TimeProvider.System);
        // A generous timeout: the first calls of a fresh process can outlast the default 250 ms, and what is tested is what Redis holds.
        var options = Options.Create(new RedisOptions { KeyPrefix = $"test-{Guid.NewGuid():N}:", OperationTimeout = TimeSpan.FromSeconds(10) });
        var cache = new RedisTimelineCache(new ResilientRedis(redis, options, TimeProvider.System, NullLogger<ResilientRedis>.Instance), Options.Create(new TimelineOptions()), metrics);
        long[] owners = [1, 2, 3];
        foreach (var owner in owners)
        {
            var miss = await cache.ReadAsync(owner, null, 20, default);
            Assert.True(await cache.FillAsync(miss.Ticket!, [TimelineItem.Original(5)], reachesBottom: true, default));
        }

        Assert.True(await cache.AddAsync([new AddedCoo(10, [1, 2]), new AddedCoo(20, [2, 3])], default));

        Assert.Equal([10, 5], await CooIdsAsync(cache, 1));
        Assert.Equal([20, 10, 5], await CooIdsAsync(cache, 2));
        Assert.Equal([20, 5], await CooIdsAsync(cache, 3));
    }

    private static async Task<List<long>> CooIdsAsync(RedisTimelineCache cache, long owner) =>
        [.. (await cache.ReadAsync(owner, null, 20, default)).Items!.Select(i => i.CooId)];
}
