using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Domain;
using Coo.Modules.Reactions.PublicApi;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Reactions;

public sealed class ReactionReadCacheTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Counts_read_before_a_change_was_forgotten_are_not_kept()
    {
        using var cache = new ReactionReadCache(_clock, near: null);
        var readStarted = cache.Generation;

        await cache.ForgetAsync(cooId: 1, userId: 7);
        cache.KeepCounts([(1, new CooCounts(3, 0, 0, _clock.GetUtcNow()))], readStarted);

        Assert.False(cache.TryGetCounts(1, out _));
    }

    [Fact]
    public async Task A_viewers_reactions_read_before_their_change_was_forgotten_are_not_kept()
    {
        using var cache = new ReactionReadCache(_clock, near: null);
        var readStarted = cache.Generation;

        await cache.ForgetAsync(cooId: 1, userId: 7);
        cache.KeepViewerReactions(7, new ViewerReactions(new HashSet<(long, ReactionKind)> { (1, ReactionKind.Like) }, _clock.GetUtcNow()), readStarted);

        Assert.Null(cache.FreshViewerReactions(7, cache.Check()));
    }

    [Fact]
    public void Without_a_near_cache_counts_are_due_for_a_background_refresh_before_they_stop_being_fresh()
    {
        using var cache = new ReactionReadCache(_clock, near: null);
        cache.KeepCounts([(1, new CooCounts(3, 1, 0, _clock.GetUtcNow()))], cache.Generation);
        Assert.True(cache.TryGetCounts(1, out var counts));

        Assert.True(cache.Check().IsFresh(counts.ReadAt));
        Assert.False(cache.Check().IsDueForRefresh(counts.ReadAt));

        _clock.Advance(ReactionReadCache.Freshness / 2);
        Assert.True(cache.Check().IsFresh(counts.ReadAt));
        Assert.True(cache.Check().IsDueForRefresh(counts.ReadAt));

        _clock.Advance(ReactionReadCache.Freshness / 2);
        Assert.False(cache.Check().IsFresh(counts.ReadAt));
    }

    [Fact]
    public void A_viewers_reactions_are_served_only_while_fresh()
    {
        using var cache = new ReactionReadCache(_clock, near: null);
        cache.KeepViewerReactions(7, new ViewerReactions(new HashSet<(long, ReactionKind)> { (1, ReactionKind.Like) }, _clock.GetUtcNow()), cache.Generation);
        Assert.NotNull(cache.FreshViewerReactions(7, cache.Check()));

        _clock.Advance(ReactionReadCache.Freshness);

        Assert.Null(cache.FreshViewerReactions(7, cache.Check()));
    }
}
