using System.Diagnostics;
using System.Globalization;

namespace Coo.Bench;

/// <param name="OtherInstance">True when the streams were on a second host (server mode); false on the posting host itself (embedded).</param>
/// <param name="Streams">How many sampled followers held a stream.</param>
/// <param name="Freshness">Per coo: from its acknowledgement until the last sampled stream announced it, ms.</param>
internal sealed record StreamFreshnessResult(bool OtherInstance, int Streams, int Posts, Percentiles PostLatency, Percentiles Freshness);

/// <summary>
/// How soon a live stream announces a coo posted through another instance. Server mode starts a second host on the same
/// databases and Redis; sampled followers of the freshness author (<see cref="SeedData.FreshnessAuthor"/>) open their
/// streams on it; the author posts through the first host, one coo at a time, and each coo is timed from its
/// acknowledgement until every sampled stream has announced it (<c>update</c>). Embedded mode has one instance, so
/// there the streams are on the posting host itself.
/// </summary>
internal static class StreamFreshnessScenario
{
    private const int Sample = 20;

    /// <summary>Coos posted and awaited unmeasured first, so that both hosts run the measured ones through compiled code.</summary>
    private const int WarmUpPosts = 5;

    public static async Task<StreamFreshnessResult> RunAsync(BenchHost host, ApiClient api, BenchOptions options, BenchDatabase database, IReadOnlyList<Account> followers)
    {
        await using var other = database.IsServer ? await BenchHost.StartAsync(options, database, instance: 1) : null;
        var streamHost = other ?? host;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = streamHost.Address, Timeout = Timeout.InfiniteTimeSpan };
        var sampled = Enumerable.Range(0, Math.Min(Sample, followers.Count)).Select(i => followers[i * (followers.Count - 1) / Math.Max(1, Sample - 1)]).Distinct().ToList();
        var streams = await Task.WhenAll(sampled.Select(follower => UserStream.OpenAsync(http, follower)));
        try
        {
            var author = await api.SignInAsync(SeedData.Username(SeedData.FreshnessAuthor));
            var postLatencies = new List<double>();
            var freshness = new List<double>();
            for (var n = -WarmUpPosts; n < options.LivePosts; n++)
            {
                var sent = Stopwatch.GetTimestamp();
                var coo = await api.PostAsync(author, string.Create(CultureInfo.InvariantCulture, $"stream freshness probe {n}"));
                var acknowledged = Stopwatch.GetTimestamp();
                var arrivals = streams.Select(s => s.UpdateArrivedAsync(coo)).ToList();
                long[] announced;
                try
                {
                    announced = await Task.WhenAll(arrivals).WaitAsync(TimeSpan.FromSeconds(120));
                }
                catch (TimeoutException)
                {
                    var waiting = streams.Where((_, i) => !arrivals[i].IsCompleted).ToList();
                    throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                        $"Coo {coo} was not announced within 120 s on {waiting.Count} of {streams.Length} streams ({waiting.Count(s => !s.IsOpen)} of them closed by the host)."));
                }

                if (n >= 0)
                {
                    postLatencies.Add(Stopwatch.GetElapsedTime(sent, acknowledged).TotalMilliseconds);

                    // A stream could announce the coo before its acknowledgement reached the bench: that counts as 0.
                    freshness.Add(Math.Max(0, Stopwatch.GetElapsedTime(acknowledged, announced.Max()).TotalMilliseconds));
                }
            }

            var result = new StreamFreshnessResult(other is not null, streams.Length, options.LivePosts, Percentiles.Of(postLatencies), Percentiles.Of(freshness));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  stream freshness ({(result.OtherInstance ? "streams on a second instance" : "same instance")}): {result.Posts} posts, ack -> announced on {result.Streams} streams p50 {result.Freshness.P50:F1} ms, p99 {result.Freshness.P99:F1} ms, max {result.Freshness.Max:F1} ms; post p99 {result.PostLatency.P99:F1} ms"));

            // The second host is killed when done: first let the fan-outs it may have claimed finish.
            while (await database.PendingFanOutsAsync() > 0)
            {
                await Task.Delay(100);
            }

            return result;
        }
        finally
        {
            await Task.WhenAll(streams.Select(s => s.DisposeAsync().AsTask()));
        }
    }
}
