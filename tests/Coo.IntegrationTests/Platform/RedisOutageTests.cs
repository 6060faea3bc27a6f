using System.Diagnostics;
using Coo.IntegrationTests.Streaming;
using StackExchange.Redis;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// Redis is never a single point of failure: with a private real Redis frozen or killed in the middle of the test,
/// every request still answers from the database, promptly and correctly, and the caches come back by themselves.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RedisOutageTests
{
    private static readonly TimeSpan HangDetector = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Requests_succeed_and_open_streams_stay_open_while_Redis_hangs_or_dies_new_streams_are_told_when_to_retry_and_timelines_are_exact_again_within_seconds_after_it_returns()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        await using var factory = new CooApiFactory(TestProvider.PostgreSql, ownDatabase: true)
        {
            Settings =
            {
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                ["Redis:OperationTimeout"] = "00:00:00.200",
                ["Redis:BreakDuration"] = "00:00:02",
                ["Streaming:HeartbeatInterval"] = "00:00:00.200",
            },
        };
        using var client = factory.CreateClient();
        using var observer = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},abortConnect=false");
        var author = await client.CreateUserAsync("outage_author");
        var reader = await client.CreateUserAsync("outage_reader");
        await client.FollowOkAsync(reader, "outage_author");
        await client.PostCooOkAsync(author, "before");
        await client.HomeTimelineBecomesAsync(reader, "before");
        await Eventually.MatchAsync(
            async () =>
            {
                await client.HomePageAsync(reader); // A rebuild that raced a change is not stored; the next read's is.
                return TimelineKeys(observer, redis, factory).Count;
            },
            keys => keys > 0,
            TimeSpan.FromSeconds(10),
            "the timeline to be cached");

        var cachedBefore = TimelineKeys(observer, redis, factory);

        // Open before Redis hangs, this stream reads the log at every heartbeat while it does: it must stay open.
        await using var stream = await TestEventStream.OpenAsync(client, reader);
        redis.Freeze();
        for (var i = 0; i < 6; i++)
        {
            await CompletesAsync(() => client.HomePageAsync(reader)); // Timeouts: the circuit opens and Redis is bypassed.
        }

        await CompletesAsync(() => client.PostCooOkAsync(author, "while frozen"));
        await CompletesAsync(() => client.ProfileAsync("outage_author", reader));
        await client.HomeTimelineBecomesAsync(reader, "while frozen", "before");

        // The cached timeline missed "while frozen": once Redis answers, the durable cache sync repairs that very key
        // within seconds (nothing else is thrown away, nothing is rebuilt).
        redis.Thaw();
        var thawed = Stopwatch.StartNew();
        await Eventually.MatchAsync(
            async () =>
            {
                var page = (await client.HomePageAsync(reader)).Items.Select(c => c.Text).ToList();
                var keys = TimelineKeys(observer, redis, factory);
                return page.SequenceEqual(["while frozen", "before"]) && keys.Count > 0
                    && await observer.GetDatabase().SortedSetLengthAsync(keys[0]) == 3; // marker + two coos
            },
            repaired => repaired,
            TimeSpan.FromSeconds(10),
            "the cached timeline repaired in place");
        Console.WriteLine($"timeline cache repaired {thawed.ElapsedMilliseconds} ms after Redis answered again");
        Assert.Equal(cachedBefore, TimelineKeys(observer, redis, factory));

        await client.PostCooOkAsync(author, "after the thaw");
        var update = await stream.SkipToAsync("update");
        while (update.Data.GetProperty("text").GetString() != "after the thaw")
        {
            update = await stream.SkipToAsync("update");
        }

        await redis.KillAsync();
        await CompletesAsync(() => client.PostCooOkAsync(author, "while down"));
        await client.HomeTimelineBecomesAsync(reader, "while down", "after the thaw", "while frozen", "before");

        // The live log is in Redis: a new stream is turned away with a time to come back, not held open unfed.
        using (var turnedAway = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/stream", reader.Tokens.AccessToken).WaitAsync(HangDetector))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, turnedAway.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), turnedAway.Headers.RetryAfter?.Delta);
            Assert.Equal("urn:coo:problem:streaming.unavailable", (await turnedAway.ReadProblemAsync()).GetProperty("type").GetString());
        }

        await redis.RestartAsync();
        await Eventually.MatchAsync(
            async () =>
            {
                using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me/stream", reader.Tokens.AccessToken);
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "a stream to open again after Redis restarted");
        await Eventually.MatchAsync(
            async () =>
            {
                Assert.Equal(["while down", "after the thaw", "while frozen", "before"], (await client.HomePageAsync(reader)).Items.Select(c => c.Text));
                return TimelineKeys(observer, redis, factory).Count;
            },
            keys => keys > 0,
            TimeSpan.FromSeconds(30),
            "the timeline cached again after Redis restarted");
    }

    private static List<RedisKey> TimelineKeys(ConnectionMultiplexer observer, RedisServerProcess redis, CooApiFactory factory) =>
        [.. observer.GetServer(redis.ConnectionString).Keys(pattern: factory.RedisKeyPrefix + "tl:*")];

    /// <summary>
    /// A request waiting on a frozen Redis would never finish; this one must finish, and succeed. The bound only tells
    /// a hang from an answer: the timeouts that make the answer quick are Redis:OperationTimeout and the breaker.
    /// </summary>
    private static Task CompletesAsync(Func<Task> request) => request().WaitAsync(HangDetector);
}
