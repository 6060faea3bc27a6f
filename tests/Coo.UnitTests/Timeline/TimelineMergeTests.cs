using Coo.Modules.Timeline.Domain;
using CsCheck;

namespace Coo.UnitTests.Timeline;

public sealed class TimelineMergeTests
{
    [Fact]
    public void Large_authors_coos_are_interleaved_by_id_and_the_page_is_cut_at_the_limit()
    {
        Assert.Equal([9, 8, 7, 5], TimelineMerge.Newest([9, 7, 3], [8, 5, 1], limit: 4));
    }

    [Fact]
    public void A_coo_on_both_lists_appears_once()
    {
        Assert.Equal([9, 7, 3], TimelineMerge.Newest([9, 7], [9, 3], limit: 20));
    }

    [Fact]
    public void Empty_lists_merge_to_an_empty_page()
    {
        Assert.Empty(TimelineMerge.Newest([], [], limit: 20));
        Assert.Equal([4, 2], TimelineMerge.Newest([], [4, 2], limit: 20));
    }

    [Fact]
    public void The_merged_page_is_the_newest_of_both_lists_ordered_and_without_duplicates()
    {
        var ids = Gen.Long[1, 200].Array[0, 40];
        Gen.Select(ids, ids, Gen.Int[1, 30]).Sample((stored, merged, limit) =>
        {
            var page = TimelineMerge.Newest(stored, merged, limit);

            Assert.True(page.Zip(page.Skip(1)).All(pair => pair.First > pair.Second), "newest first, each once");
            Assert.Equal(stored.Union(merged).OrderDescending().Take(limit), page);
        });
    }
}
