using Coo.Shared.Kernel;

namespace Coo.Bench;

/// <summary>
/// Benchmark data as the application would have produced it: users registered first, then follows, then coos, with
/// ids from the app's own snowflake generator running on a clock that walks from 30 days ago to a minute ago, so ids
/// increase with time and every id the host mints later is newer.
/// </summary>
/// <remarks>
/// Followees are drawn from a Zipf distribution (exponent <see cref="FollowExponent"/>) over a random ranking of the
/// users, followers uniformly: a few accounts are followed by a large share of everyone, most by a handful. Coo authors
/// are drawn uniformly. The freshness author (<see cref="SeedData.FreshnessAuthor"/>) has no coos and exactly the
/// requested number of followers, picked at random; those follows count towards the total.
/// </remarks>
internal static class DataGenerator
{
    /// <summary>The seeder's generator id: no host uses it, so no id it mints can equal one a host mints.</summary>
    public const int GeneratorId = SnowflakeIdGenerator.MaxGeneratorId;

    private const double FollowExponent = 0.8;

    public static SeedData Generate(DataSize size, int freshnessFollowers, int seed)
    {
        var random = new Random(seed);
        var clock = new SeedClock(DateTimeOffset.UtcNow.AddDays(-30));
        var ids = new SnowflakeIdGenerator(GeneratorId, clock);
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);

        var userIds = MintIds(ids, clock, size.Users, clock.Now.AddDays(5));
        var (followers, followees) = FollowGraph(size, freshnessFollowers, random);
        var followIds = MintIds(ids, clock, followers.Length, clock.Now.AddDays(5));
        var cooAuthors = new int[size.Coos];
        for (var i = 0; i < cooAuthors.Length; i++)
        {
            cooAuthors[i] = random.Next(SeedData.FreshnessAuthor + 1, size.Users);
        }

        var cooIds = MintIds(ids, clock, size.Coos, end);
        return new SeedData(userIds, followIds, followers, followees, cooIds, cooAuthors, followers[..freshnessFollowers]);
    }

    /// <summary>Mints <paramref name="count"/> ids evenly spread from the clock's time until <paramref name="until"/>.</summary>
    private static long[] MintIds(SnowflakeIdGenerator ids, SeedClock clock, int count, DateTimeOffset until)
    {
        var start = clock.Now;
        var step = (until - start) / Math.Max(count, 1);
        var minted = new long[count];
        for (var i = 0; i < count; i++)
        {
            clock.Now = start + (step * i);
            minted[i] = ids.NextId();
        }

        clock.Now = until;
        return minted;
    }

    /// <returns>Follower and followee of each follow; the freshness author's followers come first.</returns>
    private static (int[] Followers, int[] Followees) FollowGraph(DataSize size, int freshnessFollowers, Random random)
    {
        if (size.Follows > (long)size.Users * (size.Users - 1) / 4 || freshnessFollowers >= size.Users || freshnessFollowers > size.Follows)
        {
            throw new ArgumentException($"{size.Follows} follows, {freshnessFollowers} of them of one author, do not fit {size.Users} users.");
        }

        var followers = new int[size.Follows];
        var followees = new int[size.Follows];
        var pairs = new HashSet<long>(size.Follows);
        var fans = Enumerable.Range(SeedData.FreshnessAuthor + 1, size.Users - 1).ToArray();
        random.Shuffle(fans);
        for (var i = 0; i < freshnessFollowers; i++)
        {
            (followers[i], followees[i]) = (fans[i], SeedData.FreshnessAuthor);
            pairs.Add(((long)fans[i] << 32) | SeedData.FreshnessAuthor);
        }

        // Rank r (0-based) is followed with a probability proportional to 1 / (r + 1)^s; ranks go to users at random.
        var userOfRank = Enumerable.Range(SeedData.FreshnessAuthor + 1, size.Users - 1).ToArray();
        random.Shuffle(userOfRank);
        var cumulative = new double[userOfRank.Length];
        var total = 0.0;
        for (var rank = 0; rank < cumulative.Length; rank++)
        {
            total += Math.Pow(rank + 1, -FollowExponent);
            cumulative[rank] = total;
        }

        for (var i = freshnessFollowers; i < size.Follows;)
        {
            var follower = random.Next(size.Users);
            var rank = Array.BinarySearch(cumulative, random.NextDouble() * total);
            var followee = userOfRank[rank < 0 ? Math.Min(~rank, userOfRank.Length - 1) : rank];
            if (follower != followee && pairs.Add(((long)follower << 32) | (uint)followee))
            {
                followers[i] = follower;
                followees[i] = followee;
                i++;
            }
        }

        return (followers, followees);
    }

    /// <summary>A clock the seeders set to when each id they mint was made.</summary>
    internal sealed class SeedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
