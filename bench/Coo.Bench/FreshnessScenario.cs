using System.Diagnostics;
using System.Globalization;

namespace Coo.Bench;

internal sealed record FreshnessResult(Percentiles PostLatency, Percentiles Freshness, int SampledFollowers, bool LastCooOnEveryTimeline);

/// <summary>
/// One author with N followers posts repeatedly; for each coo, the time from its acknowledgement until it is the newest
/// entry of sampled followers' home timelines. The fan-out writes every follower's entry in one statement, so a
/// sample spread over the follower list sees what all of them see; the last coo is checked on every timeline.
/// </summary>
internal static class FreshnessScenario
{
    private const int Sample = 10;

    public static async Task<FreshnessResult> RunAsync(ApiClient api, BenchOptions options)
    {
        var author = await api.CreateAccountAsync("bench_author");
        var followers = new Account[options.Followers];
        var setup = Stopwatch.StartNew();
        await Parallel.ForAsync(0, options.Followers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            followers[i] = await api.CreateAccountAsync(string.Create(CultureInfo.InvariantCulture, $"bench_f{i}"));
            await api.FollowAsync(followers[i], author.Username);
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"set up {options.Followers} followers in {setup.Elapsed.TotalSeconds:F0} s"));

        // The follows are still being projected into timelines right after set-up; measure only once a warm-up coo
        // has reached every follower, so the figures are about posting, not about the set-up's backlog.
        var warmUp = await api.PostAsync(author, "warm-up");
        await Parallel.ForEachAsync(followers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (follower, _) =>
            await WaitUntilNewestAsync(api, follower, warmUp));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up coo on every timeline after {setup.Elapsed.TotalSeconds:F0} s"));

        var sampled = Enumerable.Range(0, Sample).Select(i => followers[i * (followers.Length - 1) / (Sample - 1)]).ToArray();
        var postLatencies = new List<double>();
        var freshness = new List<double>();
        string? last = null;
        for (var n = 0; n < options.Posts; n++)
        {
            var clock = Stopwatch.StartNew();
            last = await api.PostAsync(author, string.Create(CultureInfo.InvariantCulture, $"freshness probe {n}"));
            var acknowledged = clock.Elapsed;
            postLatencies.Add(acknowledged.TotalMilliseconds);
            await Task.WhenAll(sampled.Select(follower => WaitUntilNewestAsync(api, follower, last)));
            freshness.Add((clock.Elapsed - acknowledged).TotalMilliseconds);
        }

        var everywhere = 0;
        await Parallel.ForEachAsync(followers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (follower, _) =>
        {
            if (await api.NewestOnHomeAsync(follower) == last)
            {
                Interlocked.Increment(ref everywhere);
            }
        });

        return new FreshnessResult(Percentiles.Of(postLatencies), Percentiles.Of(freshness), Sample, everywhere == followers.Length);
    }

    private static async Task WaitUntilNewestAsync(ApiClient api, Account follower, string cooId)
    {
        var deadline = Stopwatch.StartNew();
        while (await api.NewestOnHomeAsync(follower) != cooId)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"{follower.Username} did not see coo {cooId} within 120 s.");
            }

            await Task.Delay(2);
        }
    }
}
