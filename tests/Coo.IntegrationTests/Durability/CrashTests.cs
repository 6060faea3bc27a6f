using System.Collections.Concurrent;
using Npgsql;

namespace Coo.IntegrationTests.Durability;

/// <summary>
/// Nothing acknowledged is lost: coos posted under load survive a SIGKILL of the host, and their fan-out, whose
/// outbox rows were committed with them, completes after a restart.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class CrashTests
{
    private const int AcknowledgedBeforeKill = 60;
    private const string SigningKey = "crash-test-signing-key-of-sufficient-length-0123";

    [Theory, Providers]
    public async Task Every_acknowledged_coo_reaches_every_follower_after_the_host_is_killed_and_restarted(TestProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("coo-crash-").FullName;
        var database = $"coo_crash_{Guid.NewGuid():N}"[..24];
        var settings = Settings(provider, database);
        try
        {
            List<string> acknowledged;
            TestUser[] followers;
            await using (var host = await HostProcess.StartAsync(folder, settings))
            {
                using var client = host.CreateClient();
                var author = await client.CreateUserAsync("crash_author");
                followers = [await client.CreateUserAsync("crash_f1"), await client.CreateUserAsync("crash_f2"), await client.CreateUserAsync("crash_f3")];
                foreach (var follower in followers)
                {
                    await client.FollowOkAsync(follower, "crash_author");
                }

                acknowledged = await PostUntilKilledAsync(host, author);
            }

            await using (var restarted = await HostProcess.StartAsync(folder, settings))
            {
                using var client = restarted.CreateClient();
                foreach (var follower in followers)
                {
                    await Eventually.MatchAsync(
                        async () => (await client.WholeHomeTimelineAsync(follower)).Select(c => c.Id).ToHashSet(),
                        home => home.IsSupersetOf(acknowledged),
                        TimeSpan.FromSeconds(60),
                        $"all {acknowledged.Count} acknowledged coos on {follower.Username}'s timeline");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            if (provider == TestProvider.PostgreSql)
            {
                await TestEnvironment.DropPostgreSqlDatabaseAsync(database);
            }
        }
    }

    /// <summary>Four clients post as fast as they can; the host is killed once enough posts were acknowledged.</summary>
    private static async Task<List<string>> PostUntilKilledAsync(HostProcess host, TestUser author)
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
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or IOException)
                {
                    // The host died mid-request: that post was never acknowledged.
                }
            }
        })).ToList();

        await Eventually.MatchAsync(() => Task.FromResult(acknowledged.Count), count => count >= AcknowledgedBeforeKill, TimeSpan.FromSeconds(60), "posts to be acknowledged");
        await host.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(posters);
        return [.. acknowledged];
    }

    private static Dictionary<string, string> Settings(TestProvider provider, string database)
    {
        var settings = new Dictionary<string, string>
        {
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // Messages the killed host had claimed come back when its leases run out, not earlier: keep that short here.
            ["Outbox__DeliveryTimeout"] = "00:00:05",
            ["Outbox__LeaseDuration"] = "00:00:10",
        };
        if (provider == TestProvider.PostgreSql)
        {
            var connection = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgreSqlConnectionString) { Database = database };
            settings["Database__Provider"] = "PostgreSql";
            settings["ConnectionStrings__Coo"] = connection.ConnectionString;
            settings["Auth__SigningKey"] = SigningKey;
            settings["Ids__GeneratorId"] = "7";
            settings["Media__StoragePath"] = TestEnvironment.MediaStoragePath(database);
        }

        return settings;
    }
}
