using Coo.Modules.Reactions.Domain;
using Coo.Shared.Kernel;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Coo.UnitTests.Reactions;

public sealed class ReactionCountShareTests
{
    [Fact]
    public void Users_registered_one_after_another_spread_over_every_share_about_evenly()
    {
        // Users registered in separate milliseconds get snowflake ids whose low (sequence) bits are all zero.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var generator = new SnowflakeIdGenerator(3, clock);
        var userIds = Enumerable.Range(0, 8_000).Select(_ =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(7));
            return generator.NextId();
        });

        var perShare = userIds.GroupBy(ReactionCountShare.ShareOf).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enumerable.Range(0, 8), perShare.Keys.Order());
        Assert.All(perShare.Values, count => Assert.InRange(count, 800, 1_200));
    }

    [Fact]
    public void A_users_share_is_always_the_same_so_an_undo_takes_back_what_its_reaction_added()
    {
        Gen.Long.Sample(userId => ReactionCountShare.ShareOf(userId) == ReactionCountShare.ShareOf(userId)
            && ReactionCountShare.ShareOf(userId) is >= 0 and < 8);
    }
}
