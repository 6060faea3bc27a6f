using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Timeline.Domain;
using CsCheck;

namespace Coo.UnitTests.Timeline;

public sealed class TimelineMergeTests
{
    [Fact]
    public void Items_from_several_sources_are_interleaved_newest_first_and_a_coo_on_two_of_them_appears_once()
    {
        var merged = TimelineMerge.EachCooOnce([TimelineItem.Original(9), TimelineItem.Original(7), TimelineItem.Original(9), TimelineItem.Original(8)]);

        Assert.Equal([9L, 8L, 7L], merged.Select(i => i.CooId));
    }

    [Fact]
    public void A_coo_both_stored_in_its_own_right_and_merged_as_a_repost_is_shown_in_its_own_right()
    {
        // A follow of the coo's author was applied between the read of the followed authors and the read of the page.
        var merged = TimelineMerge.EachCooOnce([new TimelineItem(Position: 20, CooId: 5, RepostedById: 3), TimelineItem.Original(5), TimelineItem.Original(4)]);

        Assert.Equal([TimelineItem.Original(5), TimelineItem.Original(4)], merged);
    }

    [Fact]
    public void A_coo_reposted_twice_is_shown_at_its_newest_repost()
    {
        var merged = TimelineMerge.EachCooOnce([new TimelineItem(20, 5, 3), new TimelineItem(30, 5, 2), TimelineItem.Original(6)]);

        Assert.Equal([new TimelineItem(30, 5, 2), TimelineItem.Original(6)], merged);
    }

    [Fact]
    public void Every_coo_of_the_sources_appears_exactly_once_newest_first()
    {
        var item = Gen.Select(Gen.Long[1, 40], Gen.Long[0, 40], Gen.Bool).Select((coo, after, reposted) =>
            reposted ? new TimelineItem(coo + (100 * (after + 1)), coo, 7) : TimelineItem.Original(coo));
        item.Array[0, 60].Sample(items =>
        {
            var merged = TimelineMerge.EachCooOnce(items).ToList();

            Assert.Equal(items.Select(i => i.CooId).Distinct().Order(), merged.Select(i => i.CooId).Order());
            Assert.True(merged.Zip(merged.Skip(1)).All(pair => pair.First.Position > pair.Second.Position), "newest first");
            Assert.All(merged, shown => Assert.True(
                shown.RepostedById is null || items.All(i => i.CooId != shown.CooId || (i.RepostedById is not null && i.Position <= shown.Position)),
                "in its own right when any source has it so, else at its newest repost"));
        });
    }
}
