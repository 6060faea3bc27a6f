using Coo.IntegrationTests.Platform;
using Npgsql;

namespace Coo.IntegrationTests.Streaming;

/// <summary>Two host processes on one PostgreSQL and one Redis: a stream hears what happened through the other host.</summary>
[Collection(SerialCollection.Name)]
public sealed class StreamingAcrossHostsTests
{
    [Fact]
    public async Task A_coo_posted_through_one_host_arrives_on_a_stream_held_by_the_other_and_a_reconnect_there_gets_exactly_what_it_missed()
    {
        await using var redis = await RedisServerProcess.StartAsync();
        var database = $"coo_stream_{Guid.NewGuid():N}"[..24];
        var folder = Directory.CreateTempSubdirectory("coo-stream-").FullName;
        try
        {
            await using var first = await HostProcess.StartAsync(folder, MultiHostTests.Settings(database, redis, generatorId: 1));
            await using var second = await HostProcess.StartAsync(folder, MultiHostTests.Settings(database, redis, generatorId: 2));
            using var viaFirst = first.CreateClient();
            using var viaSecond = second.CreateClient();
            var ada = await viaFirst.CreateUserAsync("ada");
            var grace = await viaFirst.CreateUserAsync("grace");
            await viaFirst.PostCooOkAsync(grace, "before");
            await viaFirst.FollowOkAsync(ada, "grace");
            await viaFirst.HomeTimelineBecomesAsync(ada, "before");

            string lastSeen;
            await using (var onSecond = await TestEventStream.OpenAsync(viaSecond, ada))
            {
                var live = await viaFirst.PostCooOkAsync(grace, "through the first host");
                var (id, update) = await onSecond.NextAsync("update");
                Assert.Equal(live.Id, update.GetProperty("id").GetString());
                lastSeen = id!;
            }

            var missed = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                missed.Add((await viaSecond.PostCooOkAsync(grace, $"missed {i}")).Id);
            }

            await viaFirst.HomeTimelineBecomesAsync(ada, "missed 2", "missed 1", "missed 0", "through the first host", "before");
            await using var onFirst = await TestEventStream.OpenAsync(viaFirst, ada, lastSeen);
            var received = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                received.Add((await onFirst.NextAsync("update")).Data.GetProperty("id").GetString()!);
            }

            // Each host's consumer applies what it claims, so coos posted together may be announced in either order.
            Assert.Equal(missed.Order(), received.Order());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestEnvironment.DropPostgreSqlDatabaseAsync(database);
            Directory.Delete(folder, recursive: true);
        }
    }
}
