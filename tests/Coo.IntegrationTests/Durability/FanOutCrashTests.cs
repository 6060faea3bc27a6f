using System.Collections.Concurrent;
using Npgsql;

namespace Coo.IntegrationTests.Durability;

/// <summary>
/// A SIGKILL in the middle of a large author's fan-out (server mode: batches are jobs in the database, timelines are
/// cached in Redis). After a restart every follower has every coo once, and no side effect happened twice: not the
/// timeline entries, not the cached timelines, not the analytics counts.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class FanOutCrashTests
{
    private const int SeededFollowers = 1_000;
    private const int BatchSize = 100;
    private const int AcknowledgedBeforeKill = 12;
    private const string SigningKey = "fan-out-crash-test-signing-key-of-sufficient-length";

    [Fact]
    public async Task A_host_killed_during_a_large_fan_out_finishes_it_after_a_restart_with_every_effect_exactly_once()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var folder = Directory.CreateTempSubdirectory("coo-fanout-crash-").FullName;
        var database = $"coo_fanout_{Guid.NewGuid():N}"[..24];
        var settings = Settings(database, redis);
        try
        {
            TestUser[] readers;
            long authorId;
            List<string> acknowledged;
            long entriesAtKill;
            await using (var host = await HostProcess.StartAsync(folder, settings))
            {
                using var client = host.CreateClient();
                var author = await client.CreateUserAsync("fanout_author");
                readers = [await client.CreateUserAsync("fanout_r1"), await client.CreateUserAsync("fanout_r2")];
                foreach (var reader in readers)
                {
                    await client.FollowOkAsync(reader, "fanout_author");
                    await client.HomePageAsync(reader); // Cached in Redis from now on, so fan-out writes there too.
                }

                authorId = await ScalarAsync(database, "SELECT id FROM users.users WHERE username = 'fanout_author'");
                await SeedFollowersAsync(database, authorId);
                (acknowledged, entriesAtKill) = await PostUntilKilledDuringFanOutAsync(host, author, database, authorId);
            }

            var followers = SeededFollowers + readers.Length;
            Assert.True(entriesAtKill < (long)acknowledged.Count * followers, "the host was killed before its fan-out was complete");

            await using (var restarted = await HostProcess.StartAsync(folder, settings))
            {
                var posted = await ScalarAsync(database, $"SELECT count(*) FROM coos.coos WHERE author_id = {authorId}");
                Assert.True(posted >= acknowledged.Count, "every acknowledged coo was committed");

                // Each (follower, coo) is one row by its key; what must hold is that none is missing.
                await Eventually.MatchAsync(
                    () => FanOutProgressAsync(database, authorId, followers),
                    progress => progress.Entries == posted * followers,
                    TimeSpan.FromSeconds(180),
                    $"{posted} coos on each of {followers} followers' timelines");

                // The batches the killed host had taken are taken again once their lease runs out, and end: none stays
                // processing behind a lock the killed host held (its job state locks expire with the lease too).
                await Eventually.MatchAsync(
                    () => UnfinishedJobsAsync(database),
                    unfinished => unfinished.Length == 0,
                    TimeSpan.FromSeconds(60),
                    "every fan-out batch job to end");

                await Eventually.MatchAsync(
                    () => ScalarAsync(database, "SELECT coalesce(sum(value), 0) FROM analytics.counts WHERE granularity = 'Day' AND metric = 'coos_posted'"),
                    counted => counted == posted,
                    TimeSpan.FromSeconds(30),
                    $"analytics to count {posted} posted coos, each once");
                Assert.Equal(posted, await ScalarAsync(database, "SELECT coalesce(sum(value), 0) FROM analytics.counts WHERE granularity = 'Hour' AND metric = 'coos_posted'"));

                using var client = restarted.CreateClient();
                foreach (var reader in readers)
                {
                    var home = await client.WholeHomeTimelineAsync(reader);
                    Assert.Equal(home.Count, home.Select(c => c.Id).Distinct().Count());
                    Assert.Equal(posted, home.Count);
                    Assert.Superset(acknowledged.ToHashSet(), home.Select(c => c.Id).ToHashSet());
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            await TestEnvironment.DropPostgreSqlDatabaseAsync(database);
        }
    }

    /// <summary>
    /// Followers registered through the API would cost a password hash each; the fan-out reads only the Timeline
    /// module's copy of the follow graph, so that is where these followers are seeded, as the benchmark seeds it.
    /// </summary>
    private static async Task SeedFollowersAsync(string database, long authorId)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO timeline.follow_edges (follower_id, followee_id, follow_id, is_active)
            SELECT 9000000000000 + n, @author, 9100000000000 + n, true FROM generate_series(1, @count) AS n
            """,
            connection);
        command.Parameters.AddWithValue("author", authorId);
        command.Parameters.AddWithValue("count", SeededFollowers);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Four clients post as fast as they can; the host is killed once enough posts were acknowledged and fan-out batches are running.</summary>
    private static async Task<(List<string> Acknowledged, long EntriesAtKill)> PostUntilKilledDuringFanOutAsync(
        HostProcess host, TestUser author, string database, long authorId)
    {
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var posters = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            using var client = host.CreateClient();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    using var response = await client.PostCooAsync(author, $"worker {worker} coo {i}");
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        acknowledged.Enqueue((await response.Content.ReadFromJsonAsync<CooItem>())!.Id);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or IOException
                    or System.Net.Sockets.SocketException)
                {
                    // The host died mid-request: that post was never acknowledged. (A connection the dying host accepted
                    // and dropped at once surfaces as a bare SocketException from the connection pool, not wrapped.)
                }
            }
        })).ToList();

        var fannedOut = $"SELECT count(*) FROM timeline.entries WHERE author_id = {authorId} AND owner_id <> {authorId}";
        await Eventually.MatchAsync(
            async () => acknowledged.Count >= AcknowledgedBeforeKill && await ScalarAsync(database, fannedOut) > 0,
            ready => ready,
            TimeSpan.FromSeconds(60),
            "posts acknowledged and fan-out batches running");
        await host.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(posters);
        return ([.. acknowledged], await ScalarAsync(database, fannedOut));
    }

    /// <summary>How many entries the fan-out wrote; when some are missing, which, and what the job engine did with the batches that hold them.</summary>
    private static async Task<FanOutProgress> FanOutProgressAsync(string database, long authorId, int followers)
    {
        var entries = await ScalarAsync(database, $"SELECT count(*) FROM timeline.entries WHERE author_id = {authorId} AND owner_id <> {authorId}");
        if (entries % followers == 0 && entries / followers == await ScalarAsync(database, $"SELECT count(*) FROM coos.coos WHERE author_id = {authorId}"))
        {
            return new FanOutProgress(entries, "");
        }

        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(
            """
            SELECT c.id, count(*) AS missing, min(f.follower_id), max(f.follower_id),
                   (SELECT string_agg(j.id || ' ' || j.statename || ' ' || j.arguments::text || ' [' ||
                        (SELECT string_agg(s.name || ' ' || to_char(s.createdat, 'HH24:MI:SS.MS') || coalesce(' ' || s.reason, ''), ' <- ' ORDER BY s.id DESC)
                         FROM hangfire.state AS s WHERE s.jobid = j.id) || ']', '; ')
                    FROM hangfire.job AS j
                    WHERE j.arguments ->> 0 = c.id::text
                      AND (j.arguments ->> 2)::numeric < min(f.follower_id) AND (j.arguments ->> 3)::numeric >= min(f.follower_id))
            FROM coos.coos AS c
            JOIN timeline.follow_edges AS f ON f.followee_id = c.author_id AND f.is_active
            WHERE c.author_id = @author
              AND NOT EXISTS (SELECT 1 FROM timeline.entries AS e WHERE e.owner_id = f.follower_id AND e.coo_id = c.id)
            GROUP BY c.id
            ORDER BY c.id
            LIMIT 5
            """,
            connection);
        command.Parameters.AddWithValue("author", authorId);
        await using var reader = await command.ExecuteReaderAsync();
        var missing = new List<string>();
        while (await reader.ReadAsync())
        {
            missing.Add($"coo {reader.GetInt64(0)}: {reader.GetInt64(1)} followers missing ({reader.GetInt64(2)}..{reader.GetInt64(3)}); jobs: {(reader.IsDBNull(4) ? "none" : reader.GetString(4))}");
        }

        return new FanOutProgress(entries, string.Join(Environment.NewLine, missing));
    }

    /// <summary>The jobs not yet succeeded, with their states and the job engine's locks, or "" when every job has.</summary>
    private static async Task<string> UnfinishedJobsAsync(string database)
    {
        var jobs = await TextAsync(
            database,
            """
            SELECT coalesce(string_agg(j.id || ' ' || j.statename || ' since ' || to_char(s.createdat, 'HH24:MI:SS.MS'), '; '), '')
            FROM hangfire.job AS j JOIN hangfire.state AS s ON s.id = j.stateid
            WHERE j.statename <> 'Succeeded'
            """);
        if (jobs.Length == 0)
        {
            return jobs;
        }

        var locks = await TextAsync(database, "SELECT coalesce(string_agg(resource || ' since ' || to_char(acquired, 'HH24:MI:SS.MS'), ', '), 'none') FROM hangfire.lock");
        return $"{jobs} (locks: {locks})";
    }

    private static async Task<string> TextAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed record FanOutProgress(long Entries, string Missing)
    {
        public override string ToString() => $"{Entries}{Environment.NewLine}{Missing}";
    }

    private static Dictionary<string, string> Settings(string database, RedisServerProcess redis) => new()
    {
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Coo"] = ConnectionString(database),
        ["ConnectionStrings__Redis"] = redis.ConnectionString,
        ["Auth__SigningKey"] = SigningKey,
        ["Ids__GeneratorId"] = "11",
        ["Media__StoragePath"] = TestEnvironment.MediaStoragePath(database),
        ["Timeline__FanOutBatchSize"] = $"{BatchSize}",

        // What the killed host had claimed (messages and jobs) comes back when its leases run out: short here.
        ["Outbox__DeliveryTimeout"] = "00:00:05",
        ["Outbox__LeaseDuration"] = "00:00:10",
    };

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.RequiredPostgreSqlConnectionString) { Database = database }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
