using Coo.Modules.Timeline.Domain;

namespace Coo.UnitTests.Timeline;

public sealed class TimelineHorizonTests
{
    [Fact]
    public void A_timeline_without_a_horizon_is_complete()
    {
        Assert.True(TimelineHorizon.IsComplete(TimelineHorizon.None));
        Assert.False(TimelineHorizon.IsComplete(500));
    }

    [Theory]
    [InlineData(500L, null, 500L)]
    [InlineData(500L, 900L, 500L)]
    [InlineData(500L, 500L, 500L)]
    [InlineData(500L, 499L, 499L)]
    [InlineData(500L, 1L, 1L)]
    public void Below_the_horizon_a_page_is_filled_from_coos_older_than_the_cursor_or_the_horizon(long horizon, long? before, long expected) =>
        Assert.Equal(expected, TimelineHorizon.FillOlderThan(horizon, before));

    [Fact]
    public void A_full_merge_of_a_followees_coos_moves_the_horizon_to_the_oldest_merged()
    {
        Assert.Equal(30, TimelineHorizon.AfterMerge([90, 60, 30], mergeCount: 3));
    }

    [Fact]
    public void A_merge_that_took_every_coo_the_followee_has_leaves_the_timeline_complete()
    {
        Assert.Null(TimelineHorizon.AfterMerge([90, 60], mergeCount: 3));
        Assert.Null(TimelineHorizon.AfterMerge([], mergeCount: 3));
    }
}
