using System.Diagnostics;
using System.Globalization;

namespace Coo.Bench;

internal sealed record FreshnessResult(Percentiles PostLatency, Percentiles Freshness, bool LastCooOnEveryTimeline);

/// <summary>
/// One author with N followers (seeded: <see cref="SeedData.FreshnessAuthor"/>) posts repeatedly; for each coo, the
/// time from its acknowledgement until it is the newest entry of sampled followers' home timelines. The fan-out writes
/// every follower's entry in one statement, so a sample spread over the follower list sees what all of them see; the
/// last coo is then looked up in the database on every follower's timeline (signing in all of them through the API
/// would cost a deliberately slow password hash each).
/// </summary>
internal static class FreshnessScenario
{
    private const int Sample = 10;

    public static async Task<FreshnessResult> RunAsync(ApiClient api, BenchOptions options, SeedData data, BenchDatabase database)
    {
        var author = await api.SignInAsync(SeedData.Username(SeedData.FreshnessAuthor));
        var followers = data.FreshnessFollowers;
        var sampled = new List<Account>();
        for (var i = 0; i < Sample; i++)
        {
            sampled.Add(await api.SignInAsync(SeedData.Username(followers[i * (followers.Count - 1) / (Sample - 1)])));
        }

        // One coo first, so that the measured ones find the code paths compiled.
        var warmUp = await api.PostAsync(author, "warm-up");
        await Task.WhenAll(sampled.Select(follower => WaitUntilNewestAsync(api, follower, warmUp)));

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

        // Every follower's timeline and the author's own hold it.
        var reached = await database.CountTimelineEntriesAsync(long.Parse(last!, CultureInfo.InvariantCulture));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  freshness: post p99 {Percentiles.Of(postLatencies).P99:F1} ms, ack -> followers p50 {Percentiles.Of(freshness).P50:F1} ms, p99 {Percentiles.Of(freshness).P99:F1} ms; last coo on {reached - 1} of {followers.Count} followers' timelines"));
        return new FreshnessResult(Percentiles.Of(postLatencies), Percentiles.Of(freshness), reached == followers.Count + 1);
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
