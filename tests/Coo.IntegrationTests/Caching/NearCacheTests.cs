using System.Globalization;
using Npgsql;
using StackExchange.Redis;

namespace Coo.IntegrationTests.Caching;

/// <summary>
/// Each server-mode host keeps its own copy of coo and user summaries (the near cache), so a hot read sends them no
/// Redis command; across host processes a change, once acknowledged, still shows at once, and with Redis frozen the
/// copy is not served at all.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class NearCacheTests
{
    private const string SigningKey = "near-cache-signing-key-of-sufficient-length-0123";

    [PostgreSqlFact]
    public async Task A_change_through_one_host_process_shows_at_once_on_another_that_held_the_old_value_even_with_Redis_frozen()
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
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropPostgreSqlDatabaseAsync(database);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Reads the coo through the host until a read of it (and of its author) sends Redis no MGET: the host's own copy answers.</summary>
    private static Task<long> HeldInNearCacheAsync(HttpClient host, IServer server, CooItem coo) =>
        Eventually.MatchAsync(
            async () =>
            {
                var before = await MgetCallsAsync(server);
                using var read = await host.GetAsync(new Uri($"/api/v1/coos/{coo.Id}", UriKind.Relative));
                read.EnsureSuccessStatusCode();
                return await MgetCallsAsync(server) - before;
            },
            mgets => mgets == 0,
            TimeSpan.FromSeconds(30),
            $"a read of coo '{coo.Text}' served without Redis");

    private static async Task<long> MgetCallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(group => group).SingleOrDefault(stat => stat.Key == "cmdstat_mget").Value;
        return stats is null ? 0 : long.Parse(stats.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, string> Settings(string database, RedisServerProcess redis, int generatorId) => new()
    {
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Coo"] = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgreSqlConnectionString) { Database = database }.ConnectionString,
        ["ConnectionStrings__Redis"] = redis.ConnectionString,
        ["Auth__SigningKey"] = SigningKey,
        ["Ids__GeneratorId"] = $"{generatorId}",
    };
}
