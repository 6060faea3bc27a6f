using System.Data.Common;
using Coo.IntegrationTests.Analytics;
using Npgsql;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// A module on a database of its own, by configuration alone (<c>ConnectionStrings:&lt;schema&gt;</c>): its tables live
/// there and nowhere else, the other modules' events still reach its inbox through their relays, and it counts each
/// once — the step that makes moving it into a service of its own a matter of deployment.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ModuleDatabaseTests
{
    [Theory, Providers]
    public async Task Analytics_on_a_database_of_its_own_counts_every_event_of_the_other_modules_once(TestProvider provider)
    {
        await using var analytics = OwnDatabase.Create(provider, "analytics");
        await using (var factory = new CooApiFactory(provider, ownDatabase: true) { Settings = { ["ConnectionStrings:Analytics"] = analytics.ConnectionString } })
        {
            await factory.ResetAsync();
            using var client = factory.CreateClient();
            var admin = await client.CreateAdminAsync(factory.Services);
            var ada = await client.CreateUserAsync("ada");
            var alan = await client.CreateUserAsync("alan");
            await client.FollowOkAsync(alan, "ada");
            await client.PostCooOkAsync(ada, "one");
            var two = await client.PostCooOkAsync(ada, "two");
            using var deleted = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/coos/{two.Id}", ada.Tokens.AccessToken);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            await client.UnfollowOkAsync(alan, "ada");

            var expected = (NewUsers: 3, CoosPosted: 2, CoosDeleted: 1, Follows: 1, Unfollows: 1, Likes: 0, Reposts: 0, TimelineViews: 0);
            await Eventually.MatchAsync(() => client.StatsAsync(admin, "granularity=day"), s => s.Totals == expected, what: "the statistics of the script");
            await OutboxDrain.WaitAsync(factory);
            Assert.Equal(expected, (await client.StatsAsync(admin, "granularity=day")).Totals);

            await using var shared = factory.OpenConnection();
            await using var own = factory.OpenConnectionFor("analytics");
            Assert.NotEqual(shared.ConnectionString, own.ConnectionString);
            Assert.Empty(await TablesAsync(shared, provider, "analytics"));
            Assert.Contains("counts", await TablesAsync(own, provider, "analytics"));
            Assert.Contains("inbox_messages", await TablesAsync(own, provider, "analytics"));
            Assert.Empty(await TablesAsync(own, provider, "users"));
            Assert.Contains("users", await TablesAsync(shared, provider, "users"));
        }
    }

    [Theory, Providers]
    public async Task Timeline_on_a_database_of_its_own_still_shows_a_post_to_its_author_at_once_and_to_followers_soon(TestProvider provider)
    {
        await using var timeline = OwnDatabase.Create(provider, "timeline");
        await using (var factory = new CooApiFactory(provider, ownDatabase: true) { Settings = { ["ConnectionStrings:Timeline"] = timeline.ConnectionString } })
        {
            await factory.ResetAsync();
            using var client = factory.CreateClient();
            var ada = await client.CreateUserAsync("ada");
            var alan = await client.CreateUserAsync("alan");
            await client.FollowOkAsync(alan, "ada");

            // The own entry cannot join the post's commit on another database; it is written right after it.
            var posted = await client.PostCooOkAsync(ada, "from another database");

            Assert.Equal(posted.Id, Assert.Single(await client.WholeHomeTimelineAsync(ada)).Id);
            await client.HomeTimelineBecomesAsync(alan, "from another database");
            await using var own = factory.OpenConnectionFor("timeline");
            Assert.Contains("entries", await TablesAsync(own, provider, "timeline"));
            await using var shared = factory.OpenConnection();
            Assert.Empty(await TablesAsync(shared, provider, "timeline"));
        }
    }

    [Fact]
    public async Task While_the_database_of_Analytics_is_down_the_others_go_on_and_Analytics_catches_up_with_nothing_parked()
    {
        await using var analyticsServer = await PostgreSqlServerProcess.StartAsync();
        var analytics = new NpgsqlConnectionStringBuilder(analyticsServer.ConnectionString) { Database = "coo_analytics" }.ConnectionString;
        await using var factory = new CooApiFactory(TestProvider.PostgreSql, ownDatabase: true) { Settings = { ["ConnectionStrings:Analytics"] = analytics } };
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);
        var ada = await client.CreateUserAsync("ada");
        var alan = await client.CreateUserAsync("alan");
        await client.FollowOkAsync(alan, "ada");
        await OutboxDrain.WaitAsync(factory);

        await analyticsServer.StopAsync();
        await client.PostCooOkAsync(ada, "one");
        await client.PostCooOkAsync(ada, "two");

        // Timeline's copies of the same events are relayed and consumed while Analytics' wait.
        await client.HomeTimelineBecomesAsync(alan, "two", "one");

        // The relay tries Analytics' inbox again and again, more often than a message may fail before it is parked.
        var retries = new HashSet<DateTimeOffset>();
        await Eventually.MatchAsync(
            async () =>
            {
                retries.Add(await NextRelayAttemptAsync(factory));
                return retries.Count;
            },
            count => count > CooApiFactory.MaxAttempts,
            what: "the relay to retry Analytics' inbox more often than the attempts a message has");
        Assert.All(await DatabaseProbe.OutboxRowsAsync(factory, "coos"), r => Assert.False(r.Parked));

        await analyticsServer.StartAgainAsync();

        // The probes' pooled connections to the stopped server are dead. Only their pool is cleared: the host's contexts
        // keep a pool of their own, and must get over its dead connections by themselves.
        await using (var probe = new NpgsqlConnection(analytics))
        {
            NpgsqlConnection.ClearPool(probe);
        }

        await OutboxDrain.WaitAsync(factory); // Fails on anything parked.
        var stats = await Eventually.MatchAsync(() => client.StatsAsync(admin, "granularity=day"), s => s.Totals.CoosPosted == 2, what: "Analytics to count both coos");
        Assert.Equal((NewUsers: 3, CoosPosted: 2, CoosDeleted: 0, Follows: 1, Unfollows: 0, Likes: 0, Reposts: 0, TimelineViews: 0), stats.Totals);
    }

    /// <summary>When the relay of the coos module next tries its oldest message it has not handed to every inbox yet.</summary>
    private static async Task<DateTimeOffset> NextRelayAttemptAsync(CooApiFactory factory)
    {
        await using var connection = factory.OpenConnectionFor("coos");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT next_attempt_at FROM coos.outbox_messages WHERE relayed_at IS NULL ORDER BY occurred_at LIMIT 1";
        return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : DateTimeOffset.MinValue;
    }

    /// <summary>The tables of a module's schema in this database (on SQLite, where schemas are name prefixes, those tables).</summary>
    private static async Task<List<string>> TablesAsync(DbConnection connection, TestProvider provider, string schema)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = provider == TestProvider.Sqlite
            ? $"SELECT substr(name, {schema.Length + 2}) FROM sqlite_master WHERE type = 'table' AND name LIKE '{schema}\\_%' ESCAPE '\\'"
            : $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>A module's own database for one test: a SQLite file in a folder of its own, or a PostgreSQL database, removed afterwards.</summary>
    private sealed class OwnDatabase(TestProvider provider, string folder, string postgreSqlDatabase) : IAsyncDisposable
    {
        public string ConnectionString { get; } = provider == TestProvider.Sqlite
            ? $"Data Source={Path.Combine(folder, "module.db")}"
            : new NpgsqlConnectionStringBuilder(TestEnvironment.RequiredPostgreSqlConnectionString) { Database = postgreSqlDatabase }.ConnectionString;

        public static OwnDatabase Create(TestProvider provider, string schema) =>
            new(provider, Directory.CreateTempSubdirectory("coo-module-db-").FullName, $"coo_{schema}_{Guid.NewGuid():N}"[..24]);

        public async ValueTask DisposeAsync()
        {
            Directory.Delete(folder, recursive: true);
            if (provider == TestProvider.PostgreSql)
            {
                await TestEnvironment.DropPostgreSqlDatabaseAsync(postgreSqlDatabase);
            }
        }
    }
}
