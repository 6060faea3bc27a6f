using Npgsql;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// Horizontal scale: two host processes on one PostgreSQL and one Redis, each with its own port and id generator,
/// serve one consistent service. Both run outbox relays, consumers and Hangfire servers at the same time.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class MultiHostTests
{
    private const string SigningKey = "multi-host-signing-key-of-sufficient-length-0123";

    [Fact]
    public async Task Two_hosts_on_one_database_and_Redis_serve_one_service_and_handle_every_message_and_job_once()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var database = $"coo_multi_{Guid.NewGuid():N}"[..24];
        var folder = Directory.CreateTempSubdirectory("coo-multi-").FullName;
        try
        {
            await using var first = await HostProcess.StartAsync(folder, Settings(database, redis, generatorId: 1));
            await using var second = await HostProcess.StartAsync(folder, Settings(database, redis, generatorId: 2));
            using var viaFirst = first.CreateClient();
            using var viaSecond = second.CreateClient();

            var author = await viaFirst.CreateUserAsync("multi_author");
            var followers = new List<TestUser>();
            for (var i = 1; i <= 5; i++)
            {
                var follower = await viaSecond.CreateUserAsync($"multi_f{i}");
                await (i % 2 == 0 ? viaFirst : viaSecond).FollowOkAsync(follower, "multi_author");
                followers.Add(follower);
            }

            var posted = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                posted.Add((await (i % 2 == 0 ? viaFirst : viaSecond).PostCooOkAsync(author, $"coo {i}")).Id);
            }

            // Each follower reads through the host the coo was not necessarily posted through; every coo arrives once.
            foreach (var (follower, index) in followers.Select((f, i) => (f, i)))
            {
                var reader = index % 2 == 0 ? viaFirst : viaSecond;
                await Eventually.MatchAsync(
                    async () => (await reader.WholeHomeTimelineAsync(follower)).Select(c => c.Id).ToList(),
                    ids => ids.SequenceEqual(Enumerable.Reverse(posted)),
                    TimeSpan.FromSeconds(60),
                    $"{follower.Username}'s timeline to hold the 20 coos once each, newest first");
            }

            // A like acknowledged through one host shows through the other on its very next read, though that host
            // held the counts and the liker's reactions in its reaction cache: every instance forgets them first.
            var liker = followers[0];
            Assert.Equal(0, (await viaFirst.ReactedCooAsync(posted[0], liker)).LikesCount);
            await viaSecond.ReactOkAsync(HttpMethod.Put, liker, posted[0], "like");
            Assert.True(await viaFirst.ReactedCooAsync(posted[0], liker) is { LikesCount: 1, LikedByYou: true }, "the like shows through the other host at once");
            Assert.True(await viaSecond.ReactedCooAsync(posted[0], liker) is { LikesCount: 1, LikedByYou: true }, "the like shows through its own host");
            await viaFirst.ReactOkAsync(HttpMethod.Delete, liker, posted[0], "like");
            Assert.True(await viaSecond.ReactedCooAsync(posted[0], liker) is { LikesCount: 0, LikedByYou: false }, "the undo shows through the other host at once");

            await using var connection = new NpgsqlConnection(ConnectionString(database));
            await connection.OpenAsync();
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM coos.outbox_messages WHERE relayed_at IS NULL"));
            Assert.Equal(0L, await ScalarAsync(connection, """
                SELECT COUNT(*) FROM (SELECT message_id, consumer FROM timeline.inbox_messages
                GROUP BY message_id, consumer HAVING COUNT(*) > 1) AS twice
                """));
            Assert.True(await ScalarAsync(connection, "SELECT COUNT(*) FROM hangfire.job WHERE statename = 'Succeeded'") > 0, "fan-out ran as jobs");
            Assert.Equal(0L, await ScalarAsync(connection, """
                SELECT COUNT(*) FROM (SELECT jobid FROM hangfire.state WHERE name = 'Processing'
                GROUP BY jobid HAVING COUNT(*) > 1) AS twice
                """));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropPostgreSqlDatabaseAsync(database);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(TestEnvironment.RequiredPostgreSqlConnectionString) { Database = database }.ConnectionString;

    /// <summary>One of several hosts on one PostgreSQL database and one Redis, with its own id generator.</summary>
    internal static Dictionary<string, string> Settings(string database, RedisServerProcess redis, int generatorId) => new()
    {
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Coo"] = ConnectionString(database),
        ["ConnectionStrings__Redis"] = redis.ConnectionString,
        ["Auth__SigningKey"] = SigningKey,
        ["Ids__GeneratorId"] = $"{generatorId}",
        ["Media__StoragePath"] = TestEnvironment.MediaStoragePath(database),

        // Batches of two: five followers make three fan-out jobs per coo, for both hosts' Hangfire servers to take.
        ["Timeline__FanOutBatchSize"] = "2",
    };

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
