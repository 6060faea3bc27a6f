using System.Globalization;
using Npgsql;
using StackExchange.Redis;

namespace Coo.IntegrationTests.Caching;

/// <summary>
/// Each server-mode host keeps its own copy of coo and user summaries and of the newest page of hot home timelines
/// (the near cache), so a hot read sends them no Redis command; across host processes a change, once acknowledged,
/// still shows at once, and with Redis frozen the copy is not served at all.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class NearCacheTests
{
    private const string SigningKey = "near-cache-signing-key-of-sufficient-length-0123";

    [Fact]
    public Task A_change_through_one_host_process_shows_at_once_on_another_that_held_the_old_value_even_with_Redis_frozen() =>
        WithTwoHostProcessesAsync(async (viaFirst, viaSecond, redis, server) =>
        {
            var author = await viaFirst.CreateUserAsync("near_author");
            var deleted = await viaFirst.PostCooOkAsync(author, "deleted later");
            var kept = await viaFirst.PostCooOkAsync(author, "kept");
            var frozenOut = await viaFirst.PostCooOkAsync(author, "deleted with Redis frozen");
            foreach (var coo in new[] { deleted, kept, frozenOut })
            {
                await HeldInNearCacheAsync(viaSecond, server, coo);
            }

            using (var removed = await viaFirst.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{deleted.Id}", author.Tokens.AccessToken))
            {
                Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
            }

            using (var gone = await viaSecond.GetAsync(new Uri($"/api/v1/coos/{deleted.Id}", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            }

            using (var renamed = await viaFirst.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", author.Tokens.AccessToken, new { displayName = "Renamed" }))
            {
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            }

            Assert.Equal("Renamed", (await viaSecond.GetFromJsonAsync<CooItem>($"/api/v1/coos/{kept.Id}"))!.Author.DisplayName);

            await HeldInNearCacheAsync(viaSecond, server, frozenOut);
            redis.Freeze();
            try
            {
                using var removed = await viaFirst.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{frozenOut.Id}", author.Tokens.AccessToken);
                Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
                using var gone = await viaSecond.GetAsync(new Uri($"/api/v1/coos/{frozenOut.Id}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            }
            finally
            {
                redis.Thaw();
            }
        });

    [Fact]
    public Task A_home_timeline_held_by_one_host_process_shows_what_was_posted_through_another() =>
        WithTwoHostProcessesAsync(async (viaFirst, viaSecond, _, server) =>
        {
            var author = await viaFirst.CreateUserAsync("near_poster");
            var reader = await viaFirst.CreateUserAsync("near_reader");
            await viaFirst.FollowOkAsync(reader, author.Username);
            await viaFirst.PostCooOkAsync(reader, "the reader's first");
            await viaSecond.HomeTimelineBecomesAsync(reader, "the reader's first");

            // Read-your-writes across instances: the post answers only once every instance dropped its copy.
            await TimelineHeldInNearCacheAsync(viaSecond, server, reader);
            await viaFirst.PostCooOkAsync(reader, "the reader's second");
            Assert.Equal(["the reader's second", "the reader's first"], (await viaSecond.HomePageAsync(reader)).Items.Select(c => c.Text));

            // Fan-out drops the followers' copies too: without that, the held page would hide the coo for a minute.
            await TimelineHeldInNearCacheAsync(viaSecond, server, reader);
            await viaFirst.PostCooOkAsync(author, "the author's");
            await Eventually.MatchAsync(
                async () => (await viaSecond.HomePageAsync(reader)).Items.Select(c => c.Text).ToList(),
                texts => texts.SequenceEqual(["the author's", "the reader's second", "the reader's first"]),
                TimeSpan.FromSeconds(20),
                "the author's coo on the reader's timeline held by the other instance");
        });

    /// <summary>Two host processes on one new database and a Redis of their own; <c>server</c> reads Redis's command counts.</summary>
    private static async Task WithTwoHostProcessesAsync(Func<HttpClient, HttpClient, RedisServerProcess, IServer, Task> test)
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var database = $"coo_near_{Guid.NewGuid():N}"[..24];
        var folder = Directory.CreateTempSubdirectory("coo-near-").FullName;
        try
        {
            await using var first = await HostProcess.StartAsync(folder, Settings(database, redis, generatorId: 1));
            await using var second = await HostProcess.StartAsync(folder, Settings(database, redis, generatorId: 2));
            using var viaFirst = first.CreateClient();
            using var viaSecond = second.CreateClient();
            await using var redisClient = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");
            var server = redisClient.GetServer(redisClient.GetEndPoints().Single());

            await test(viaFirst, viaSecond, redis, server);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropPostgreSqlDatabaseAsync(database);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads the home timeline through the host until a read sends Redis no script: the host's own copy answers.</summary>
    private static Task<long> TimelineHeldInNearCacheAsync(HttpClient host, IServer server, TestUser reader) =>
        Eventually.MatchAsync(
            async () =>
            {
                var before = await CallsAsync(server, "evalsha") + await CallsAsync(server, "eval");
                await host.HomePageAsync(reader);
                return await CallsAsync(server, "evalsha") + await CallsAsync(server, "eval") - before;
            },
            scripts => scripts == 0,
            TimeSpan.FromSeconds(30),
            $"{reader.Username}'s home timeline served without Redis");

    /// <summary>Reads the coo through the host until a read of it (and of its author) sends Redis no MGET: the host's own copy answers.</summary>
    private static Task<long> HeldInNearCacheAsync(HttpClient host, IServer server, CooItem coo) =>
        Eventually.MatchAsync(
            async () =>
            {
                var before = await CallsAsync(server, "mget");
                using var read = await host.GetAsync(new Uri($"/api/v1/coos/{coo.Id}", UriKind.Relative));
                read.EnsureSuccessStatusCode();
                return await CallsAsync(server, "mget") - before;
            },
            mgets => mgets == 0,
            TimeSpan.FromSeconds(30),
            $"a read of coo '{coo.Text}' served without Redis");

    private static async Task<long> CallsAsync(IServer server, string command)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group).SingleOrDefault(stat => stat.Key == $"cmdstat_{command}").Value;
        return stats is null ? 0 : long.Parse(stats.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> Settings(string database, RedisServerProcess redis, int generatorId) => new()
    {
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Coo"] = new NpgsqlConnectionStringBuilder(TestEnvironment.RequiredPostgreSqlConnectionString) { Database = database }.ConnectionString,
        ["ConnectionStrings__Redis"] = redis.ConnectionString,
        ["Auth__SigningKey"] = SigningKey,
        ["Ids__GeneratorId"] = $"{generatorId}",
        ["Media__StoragePath"] = TestEnvironment.MediaStoragePath(database),
    };
}
