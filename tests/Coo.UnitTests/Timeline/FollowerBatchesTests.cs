using Coo.Modules.Timeline.Domain;
using CsCheck;

namespace Coo.UnitTests.Timeline;

public sealed class FollowerBatchesTests
{
    [Fact]
    public void No_followers_or_a_batch_full_of_them_are_one_open_range()
    {
        Assert.Equal([FollowerBatches.Everyone], FollowerBatches.Split([], 3));
        Assert.Equal([FollowerBatches.Everyone], FollowerBatches.Split([10, 20, 30], 3));
    }

    [Fact]
    public void One_follower_more_than_a_batch_makes_two_ranges_split_after_the_last_of_the_first_batch()
    {
        Assert.Equal([(long.MinValue, 30), (30, long.MaxValue)], FollowerBatches.Split([10, 20, 30, 40], 3));
    }

    [Fact]
    public void A_batch_size_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FollowerBatches.Split([1], 0));

    [Fact]
    public void Every_follower_falls_into_exactly_one_batch_of_at_most_the_batch_size()
    {
        Gen.Select(Followers(minimum: 0), Gen.Int[1, 8]).Sample((ids, batchSize) =>
        {
            var batches = FollowerBatches.Split(ids, batchSize);

            Assert.All(ids, id => Assert.Single(batches, b => b.After < id && id <= b.UpTo));
            Assert.All(batches, b => Assert.InRange(ids.Count(id => b.After < id && id <= b.UpTo), ids.Length == 0 ? 0 : 1, batchSize));
            Assert.Equal(Math.Max(1, (ids.Length + batchSize - 1) / batchSize), batches.Count);
        });
    }

    [Fact]
    public void The_ranges_cover_every_possible_id_so_a_follower_arriving_meanwhile_is_not_missed()
    {
        Gen.Select(Followers(minimum: 1), Gen.Int[1, 8]).Sample((ids, batchSize) =>
        {
            var batches = FollowerBatches.Split(ids, batchSize);

            Assert.Equal(long.MinValue, batches[0].After);
            Assert.Equal(long.MaxValue, batches[^1].UpTo);
            Assert.All(batches.Zip(batches.Skip(1)), pair => Assert.Equal(pair.First.UpTo, pair.Second.After));
        });
    }

    /// <summary>Distinct user ids in ascending order; ids are positive (see <c>SnowflakeIdGenerator</c>).</summary>
    private static Gen<long[]> Followers(int minimum) =>
        Gen.Long[1, long.MaxValue].HashSet[minimum, 60].Select(ids => ids.Order().ToArray());
}
