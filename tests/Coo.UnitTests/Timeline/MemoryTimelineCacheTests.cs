using System.Diagnostics.Metrics;
using Coo.Modules.Timeline;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Observability;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Coo.UnitTests.Timeline;

/// <summary>The embedded mode's in-process timelines: pages as the database would give them, and no stale rebuild.</summary>
public sealed class MemoryTimelineCacheTests : IDisposable
{
    private const long Owner = 7;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    [Fact]
    public async Task A_first_read_misses_and_the_rebuilt_timeline_then_serves_pages_newest_first()
    {
        using var cache = Cache();
        var miss = await cache.ReadAsync(Owner, null, 2, default);
        Assert.Null(miss.Items);

        await cache.FillAsync(miss.Ticket!, Originals(30, 20, 10), reachesBottom: true, default);

        var first = await cache.ReadAsync(Owner, null, 2, default);
        Assert.Equal([30, 20], CooIds(first));
        var next = await cache.ReadAsync(Owner, 20, 2, default);
        Assert.Equal([10], CooIds(next));
        Assert.True(next.ReachesBottom);
    }

    [Fact]
    public async Task A_rebuild_read_before_a_change_is_not_stored()
    {
        using var cache = Cache();
        var miss = await cache.ReadAsync(Owner, null, 20, default);
        await cache.AddAsync([new AddedCoo(40, [Owner])], default);

        await cache.FillAsync(miss.Ticket!, Originals(30, 20), reachesBottom: true, default);

        Assert.Null((await cache.ReadAsync(Owner, null, 20, default)).Items);
    }

    [Fact]
    public async Task Coos_added_together_reach_each_of_their_own_owners_cached_timelines_and_no_other()
    {
        using var cache = Cache();
        long[] owners = [1, 2, 3];
        foreach (var owner in owners)
        {
            var miss = await cache.ReadAsync(owner, null, 20, default);
            await cache.FillAsync(miss.Ticket!, Originals(5), reachesBottom: true, default);
        }

        await cache.AddAsync([new AddedCoo(10, [1, 2]), new AddedCoo(20, [2, 3])], default);

        Assert.Equal([10, 5], CooIds(await cache.ReadAsync(1, null, 20, default)));
        Assert.Equal([20, 10, 5], CooIds(await cache.ReadAsync(2, null, 20, default)));
        Assert.Equal([20, 5], CooIds(await cache.ReadAsync(3, null, 20, default)));
    }

    [Fact]
    public async Task Changes_keep_the_copy_ordered_without_duplicates_and_trimmed_to_the_maximum()
    {
        using var cache = Cache(maxEntries: 50);
        await FillAsync(cache, [.. Enumerable.Range(1, 50).Select(i => (long)i * 10).Reverse()]);

        await cache.AddAsync([new AddedCoo(255, [Owner])], default);
        await cache.AddAsync([new AddedCoo(255, [Owner])], default);
        await cache.RemoveAsync(490, [Owner], default);

        var read = await cache.ReadAsync(Owner, null, 100, default);
        var page = CooIds(read);
        Assert.Equal(49, page.Count);
        Assert.Equal([500, 480, 470], page.Take(3));
        Assert.Single(page, id => id == 255);
        Assert.Equal(20, page[^1]);
        Assert.False(read.ReachesBottom); // Trimming dropped coo 10: something older exists.
    }

    [Fact]
    public async Task A_reposted_coo_pages_at_its_repost_and_its_coo_is_never_added_twice_nor_left_behind_when_removed()
    {
        using var cache = Cache();
        var miss = await cache.ReadAsync(Owner, null, 20, default);
        await cache.FillAsync(miss.Ticket!, [TimelineItem.Original(40), new TimelineItem(35, CooId: 10, RepostedById: 3), TimelineItem.Original(20)], true, default);

        Assert.Equal([40], CooIds(await cache.ReadAsync(Owner, null, 1, default)));
        Assert.Equal([10, 20], CooIds(await cache.ReadAsync(Owner, 40, 20, default)));
        await cache.AddAsync([new AddedCoo(10, [Owner])], default);
        Assert.Equal([40, 10, 20], CooIds(await cache.ReadAsync(Owner, null, 20, default)));

        await cache.RemoveAsync(10, [Owner], default);
        Assert.Equal([40, 20], CooIds(await cache.ReadAsync(Owner, null, 20, default)));
    }

    [Fact]
    public async Task A_forgotten_timeline_is_rebuilt_on_its_next_read()
    {
        using var cache = Cache();
        await FillAsync(cache, [30]);

        await cache.ForgetAsync([Owner], default);

        Assert.NotNull((await cache.ReadAsync(Owner, null, 20, default)).Ticket);
    }

    [Fact]
    public void Any_sequence_of_adds_and_removes_leaves_the_newest_ids_of_the_set_newest_first()
    {
        Gen.Select(Gen.Long[1, 300], Gen.Bool).Array[0, 120].Sample(changes =>
        {
            using var cache = Cache(maxEntries: 50);
            FillAsync(cache, []).GetAwaiter().GetResult();
            var model = new SortedSet<long>();
            foreach (var (id, add) in changes)
            {
                _ = add ? cache.AddAsync([new AddedCoo(id, [Owner])], default) : cache.RemoveAsync(id, [Owner], default);
                _ = add ? model.Add(id) : model.Remove(id);
                while (model.Count > 50)
                {
                    model.Remove(model.Min);
                }
            }

            var page = cache.ReadAsync(Owner, null, 100, default).GetAwaiter().GetResult();
            Assert.Equal(model.Reverse(), CooIds(page));
        });
    }

    public void Dispose() => _services.Dispose();

    private MemoryTimelineCache Cache(int maxEntries = 800) => new(
        Options.Create(new TimelineOptions { MaxEntries = maxEntries }),
        new CooMetrics(_services.GetRequiredService<IMeterFactory>(), new OutboxBacklog(TimeProvider.System), TimeProvider.System));

    private static async Task FillAsync(MemoryTimelineCache cache, long[] ids)
    {
        var miss = await cache.ReadAsync(Owner, null, 20, default);
        await cache.FillAsync(miss.Ticket!, Originals(ids), reachesBottom: true, default);
    }

    private static TimelineItem[] Originals(params long[] ids) => [.. ids.Select(TimelineItem.Original)];

    private static List<long> CooIds(CachedTimelineRead read) => [.. read.Items!.Select(i => i.CooId)];
}
