using System.Globalization;

namespace Coo.Bench;

/// <summary>A generated dataset: users, follows and coos by index; ids are snowflakes increasing with time.</summary>
internal sealed class SeedData(long[] userIds, long[] followIds, int[] followers, int[] followees, long[] cooIds, int[] cooAuthors, int[] freshnessFollowers)
{
    /// <summary>The password of every seeded user, so benchmark clients can sign in as any of them.</summary>
    public const string Password = "bench pass phrase 0123";

    /// <summary>The user who posts in the freshness scenario: no coos of their own, a fixed number of followers.</summary>
    public const int FreshnessAuthor = 0;

    private static readonly DateTimeOffset IdEpoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words =
    [
        "coo", "morning", "coffee", "build", "green", "release", "bird", "river", "quiet", "tea", "train", "late",
        "again", "today", "lunch", "deploy", "idea", "rain", "music", "garden", "paper", "walk", "code", "night",
    ];

    public int UserCount => userIds.Length;

    public IReadOnlyList<int> FreshnessFollowers => freshnessFollowers;

    public static string Username(int user) => string.Create(CultureInfo.InvariantCulture, $"user{user}");

    public long UserId(int user) => userIds[user];

    /// <summary>The time an id was minted, as the app stores it (whole milliseconds, UTC).</summary>
    public static DateTimeOffset CreatedAt(long id) => IdEpoch.AddMilliseconds(id >> 22);

    public IEnumerable<(long Id, int Follower, int Followee)> Follows()
    {
        for (var i = 0; i < followIds.Length; i++)
        {
            yield return (followIds[i], followers[i], followees[i]);
        }
    }

    public IEnumerable<(long Id, int Author)> Coos()
    {
        for (var i = 0; i < cooIds.Length; i++)
        {
            yield return (cooIds[i], cooAuthors[i]);
        }
    }

    /// <summary>Text of 20 to 140 characters (80 on average, like the ceiling page), the same for a coo on every run.</summary>
    public static string CooText(long cooId)
    {
        var random = new Random((int)(cooId ^ (cooId >> 32)));
        var length = random.Next(20, 141);
        var text = new System.Text.StringBuilder(length + 10);
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(' ');
        }

        return text.ToString(0, length).TrimEnd();
    }

    public (int[] Followers, int[] Following) FollowCounts()
    {
        var followerCounts = new int[userIds.Length];
        var followingCounts = new int[userIds.Length];
        for (var i = 0; i < followIds.Length; i++)
        {
            followingCounts[followers[i]]++;
            followerCounts[followees[i]]++;
        }

        return (followerCounts, followingCounts);
    }

    public int[] CoosPerAuthor()
    {
        var counts = new int[userIds.Length];
        foreach (var author in cooAuthors)
        {
            counts[author]++;
        }

        return counts;
    }

    /// <summary>
    /// Every user's home timeline as fan-out and trimming leave it: the newest <paramref name="maxEntries"/> of their own
    /// coos and those of everyone they follow (all follows predate all coos, so every follow saw every coo), and, where
    /// more existed, the horizon at the oldest entry kept. Users come in id order, entries in coo id order.
    /// </summary>
    public IEnumerable<(int Owner, IReadOnlyList<(long CooId, int Author)> Entries, long? Horizon)> Timelines(int maxEntries)
    {
        var followeesOf = Group(followers, followees, userIds.Length);
        var coosOf = Group(cooAuthors, Enumerable.Range(0, cooIds.Length).ToArray(), userIds.Length);
        var candidates = new List<int>();
        for (var owner = 0; owner < userIds.Length; owner++)
        {
            candidates.Clear();
            candidates.AddRange(coosOf[owner]);
            foreach (var followee in followeesOf[owner])
            {
                candidates.AddRange(coosOf[followee]);
            }

            // Coo indexes are in posting order, so the highest indexes are the newest coos.
            candidates.Sort();
            var kept = candidates.Count > maxEntries ? candidates.GetRange(candidates.Count - maxEntries, maxEntries) : candidates;
            var entries = kept.Select(c => (cooIds[c], cooAuthors[c])).ToList();
            yield return (owner, entries, candidates.Count > maxEntries ? entries[0].Item1 : null);
        }
    }

    /// <summary>For each key 0..count-1, the values paired with it, in their original order.</summary>
    private static int[][] Group(int[] keys, int[] values, int count)
    {
        var sizes = new int[count];
        foreach (var key in keys)
        {
            sizes[key]++;
        }

        var groups = sizes.Select(s => new int[s]).ToArray();
        Array.Clear(sizes);
        for (var i = 0; i < keys.Length; i++)
        {
            groups[keys[i]][sizes[keys[i]]++] = values[i];
        }

        return groups;
    }
}
