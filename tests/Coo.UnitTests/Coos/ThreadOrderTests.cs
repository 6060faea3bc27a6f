using Coo.Modules.Coos.Features.GetThread;
using CsCheck;

namespace Coo.UnitTests.Coos;

public sealed class ThreadOrderTests
{
    // 1 ─┬─ 2 ─┬─ 4 ─── 6
    //    │     └─ 7
    //    └─ 3 ─── 5
    private static readonly ThreadNode[] Conversation =
    [
        new(5, 3, false), new(1, null, false), new(7, 2, false), new(3, 1, false), new(6, 4, false), new(2, 1, false), new(4, 2, false),
    ];

    [Fact]
    public void Replies_follow_depth_first_each_under_the_coo_it_answers_and_siblings_oldest_first()
    {
        Assert.Equal(
            [new(1, 0, false), new(2, 1, false), new(4, 2, false), new(6, 3, false), new(7, 2, false), new(3, 1, false), new(5, 2, false)],
            ThreadOrder.Arrange(Conversation, cooId: 1));
    }

    [Fact]
    public void The_ancestors_come_first_root_first_with_depths_below_zero_and_only_the_replies_below_the_coo_follow()
    {
        Assert.Equal([new(1, -2, false), new(2, -1, false), new(4, 0, false), new(6, 1, false)], ThreadOrder.Arrange(Conversation, cooId: 4));
        Assert.Equal([new(1, -1, false), new(3, 0, false), new(5, 1, false)], ThreadOrder.Arrange(Conversation, cooId: 3));
    }

    [Fact]
    public void A_deleted_coo_with_a_live_reply_below_it_stays_as_a_placeholder_and_one_with_none_is_left_out()
    {
        ThreadNode[] conversation = [new(1, null, true), new(2, 1, true), new(3, 2, true), new(4, 3, false), new(5, 1, true), new(6, 5, true), new(7, 1, false)];

        Assert.Equal([new(1, 0, true), new(2, 1, true), new(3, 2, true), new(4, 3, false), new(7, 1, false)], ThreadOrder.Arrange(conversation, cooId: 1));
        Assert.Equal([new(1, -3, true), new(2, -2, true), new(3, -1, true), new(4, 0, false)], ThreadOrder.Arrange(conversation, cooId: 4));
        Assert.Equal([new(1, -1, true), new(7, 0, false)], ThreadOrder.Arrange(conversation, cooId: 7));
    }

    [Fact]
    public void A_page_goes_on_after_the_entry_that_ended_the_last_one_even_once_that_entry_is_left_out()
    {
        var deletedSince = Conversation.Select(n => n.Id == 6 ? n with { Deleted = true } : n).ToArray();

        Assert.Equal([new(7, 2, false), new(3, 1, false), new(5, 2, false)], ThreadOrder.Arrange(Conversation, cooId: 1, afterId: 6));
        Assert.Equal([new(7, 2, false), new(3, 1, false), new(5, 2, false)], ThreadOrder.Arrange(deletedSince, cooId: 1, afterId: 6));
        Assert.DoesNotContain(new ThreadEntry(6, 3, true), ThreadOrder.Arrange(deletedSince, cooId: 1));
    }

    [Fact]
    public void A_coo_or_a_cursor_that_has_no_place_in_the_conversation_makes_an_empty_thread()
    {
        Assert.Empty(ThreadOrder.Arrange(Conversation, cooId: 99));
        Assert.Empty(ThreadOrder.Arrange(Conversation, cooId: 1, afterId: 99));
        Assert.Empty(ThreadOrder.Arrange(Conversation, cooId: 3, afterId: 6));
    }

    [Fact]
    public void A_long_chain_of_replies_is_arranged_without_running_out_of_stack()
    {
        var chain = Enumerable.Range(1, 200_000).Select(i => new ThreadNode(i, i == 1 ? null : i - 1, false)).ToList();

        var thread = ThreadOrder.Arrange(chain, cooId: 100_000);

        Assert.Equal(200_000, thread.Count);
        Assert.Equal(new ThreadEntry(1, -99_999, false), thread[0]);
        Assert.Equal(new ThreadEntry(200_000, 100_000, false), thread[^1]);
    }

    [Fact]
    public void Every_live_coo_below_shows_once_right_under_the_coo_it_answers_and_paging_in_any_steps_gives_the_same_thread()
    {
        // A random tree: each coo answers an older one (or none: the root), and any of them may be deleted.
        var conversations = Gen.Int[1, 40].SelectMany(size => Gen.Select(Gen.Int[0, 1000].Array[size], Gen.Bool.Array[size], Gen.Int[1, 5], (parents, deleted, step) =>
            (Nodes: Enumerable.Range(1, size).Select(id => new ThreadNode(id, id == 1 ? null : 1 + (parents[id - 1] % (id - 1)), deleted[id - 1] && id != 1)).ToList(), Step: step)));

        conversations.Sample(c =>
        {
            var thread = ThreadOrder.Arrange(c.Nodes, cooId: 1);
            var byId = c.Nodes.ToDictionary(n => n.Id);
            var shown = thread.Select(e => e.Id).ToList();
            Assert.Equal(shown.Count, shown.Distinct().Count());
            Assert.Subset(shown.ToHashSet(), c.Nodes.Where(n => !n.Deleted).Select(n => n.Id).ToHashSet());
            for (var i = 1; i < thread.Count; i++)
            {
                // The coo a reply answers is the nearest entry above it one level up.
                var parent = thread.Take(i).Last(e => e.Depth == thread[i].Depth - 1);
                Assert.Equal(byId[thread[i].Id].InReplyToId, parent.Id);
            }

            Assert.All(thread.Where(e => e.Deleted), e => Assert.Contains(thread, r => byId[r.Id].InReplyToId == e.Id));
            var paged = new List<ThreadEntry>();
            for (long? after = null; ;)
            {
                var page = ThreadOrder.Arrange(c.Nodes, cooId: 1, after).Take(c.Step).ToList();
                paged.AddRange(page);
                if (page.Count < c.Step)
                {
                    break;
                }

                after = page[^1].Id;
            }

            Assert.Equal(thread, paged);
        });
    }
}
