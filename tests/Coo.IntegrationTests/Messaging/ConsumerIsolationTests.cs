using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Coo.IntegrationTests.Analytics;
using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Modules;
using Coo.Shared.Kernel;
using Npgsql;

namespace Coo.IntegrationTests.Messaging;

/// <summary>Each consumer has its own queue: one consumer's faults, slowness and parked messages stay its own.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConsumerIsolationTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task An_always_failing_analytics_consumer_parks_only_its_copies_and_after_requeue_counts_everything_exactly_once(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        await InjectAnalyticsFaultAsync(factory);
        try
        {
            var admin = await client.CreateAdminAsync(factory.Services);
            var ada = await client.CreateUserAsync("ada");
            var grace = await client.CreateUserAsync("grace");
            var alan = await client.CreateUserAsync("alan");
            await client.FollowOkAsync(alan, "ada");
            await client.FollowOkAsync(alan, "grace");
            await client.PostCooOkAsync(ada, "one");
            await client.PostCooOkAsync(grace, "two");
            await client.PostCooOkAsync(ada, "three");

            // Timeline's fan-out goes on while every Analytics copy fails and parks.
            await client.HomeTimelineBecomesAsync(alan, "three", "two", "one");
            var parked = await Eventually.MatchAsync(
                async () => (await DatabaseProbe.InboxRowsAsync(factory, "analytics")).Where(r => r.Parked).ToList(),
                rows => rows.Count == 9, // 4 registrations, 2 follows, 3 coos
                what: "every Analytics copy parked");
            Assert.All(parked, r => Assert.Contains("injected analytics fault", r.LastError, StringComparison.Ordinal));
            Assert.DoesNotContain(await DatabaseProbe.InboxRowsAsync(factory, "timeline"), r => r.Parked || !r.Processed);
            Assert.All(await DatabaseProbe.OutboxRowsAsync(factory, "coos"), r => Assert.True(r.Relayed));

            var listed = await client.ParkedAsync(admin, "?module=analytics");
            Assert.Equal(9, listed.Count);
            Assert.All(listed, m => Assert.Contains("injected analytics fault", m.GetProperty("lastError").GetString(), StringComparison.Ordinal));

            await RemoveAnalyticsFaultAsync(factory);
            foreach (var consumer in listed.Select(m => m.GetProperty("consumer").GetString()!).Distinct())
            {
                await client.RequeueOkAsync(admin, new { module = "analytics", consumer });
            }

            var expected = (NewUsers: 4, CoosPosted: 3, CoosDeleted: 0, Follows: 2, Unfollows: 0, Likes: 0, Reposts: 0, TimelineViews: 0);
            await Eventually.MatchAsync(() => client.StatsAsync(admin, "granularity=day"), s => s.Totals == expected, what: "the statistics of the script");
            await OutboxDrain.WaitAsync(factory);

            // A second requeue of the same (now processed) rows finds nothing parked and changes nothing.
            await client.RequeueOkAsync(admin, new { module = "analytics", consumer = listed[0].GetProperty("consumer").GetString() }, expected: 0);
            Assert.Equal(expected, (await client.StatsAsync(admin, "granularity=day")).Totals);
        }
        finally
        {
            await RemoveAnalyticsFaultAsync(factory);
        }
    }

    [Theory, Providers]
    public async Task A_parked_message_is_listed_and_requeued_by_an_administrator_only(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var admin = await client.CreateAdminAsync(factory.Services);
        var someone = await client.CreateUserAsync("someone");
        using var registered = await client.RegisterAsync("poison_listed");
        var probe = typeof(ProbeHandler).FullName!;
        await Eventually.MatchAsync(async () => await client.ParkedAsync(admin, $"?module=users&consumer={probe}"), m => m.Count == 1, what: "the parked probe copy");

        using (var anonymous = await client.GetAsync("/api/v1/admin/messages/parked"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using (var notAdmin = await client.SendAsAsync(HttpMethod.Post, "/api/v1/admin/messages/parked/requeue", someone.Tokens.AccessToken, new { module = "users", consumer = probe }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        }

        using (var unknown = await client.SendAsAsync(HttpMethod.Post, "/api/v1/admin/messages/parked/requeue", admin.Tokens.AccessToken, new { module = "nowhere" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }

        var message = (await client.ParkedAsync(admin, $"?module=users&consumer={probe}"))[0];
        Assert.Equal("users.user-registered.v1", message.GetProperty("eventName").GetString());
        var messageId = message.GetProperty("messageId").GetGuid();
        factory.Probe.PoisonHealed = true;
        await client.RequeueOkAsync(admin, new { module = "users", consumer = probe, messageId });

        await Eventually.MatchAsync(
            async () => (await DatabaseProbe.InboxRowsAsync(factory, "users")).Single(r => r.Consumer == probe && r.MessageId == messageId),
            r => r.Processed,
            what: "the requeued copy to be processed");
        Assert.Equal(CooApiFactory.MaxAttempts + 1, factory.Probe.Invocations["poison_listed"]);
        Assert.Empty(await client.ParkedAsync(admin, "?module=users"));
    }

    [Fact]
    public async Task A_consumer_slower_than_its_timeout_holds_no_transaction_and_blocks_no_other_consumer()
    {
        await using var factory = new CooApiFactory(TestProvider.PostgreSql, ownDatabase: true)
        {
            Settings = { ["Outbox:DeliveryTimeout"] = "00:00:20", ["Outbox:LeaseDuration"] = "00:00:40" },
        };
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        var alan = await client.CreateUserAsync("alan");
        await client.FollowOkAsync(alan, "ada");
        await OutboxDrain.WaitAsync(factory);
        factory.Probe.Delay = TimeSpan.FromMinutes(2);

        using var registered = await client.RegisterAsync("slowpoke");
        await factory.Probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var probeStarted = DateTimeOffset.UtcNow;

        // While the probe hangs: the other consumer of the same event, and other modules' events, go on.
        await Eventually.MatchAsync(
            async () => (await DatabaseProbe.InboxRowsAsync(factory, "analytics")).Count(r => r.EventName == "users.user-registered.v1" && r.Processed),
            processed => processed == 3,
            what: "Analytics' copy of the slow registration to be processed");
        await client.PostCooOkAsync(ada, "still flowing");
        await client.HomeTimelineBecomesAsync(alan, "still flowing");

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND (state LIKE 'idle in transaction%' OR xact_start < @started)
            """,
            connection);
        command.Parameters.AddWithValue("started", probeStarted);

        // Other consumers' short transactions come and go; one held by the hanging delivery would stay.
        await Eventually.MatchAsync(async () => (long)(await command.ExecuteScalarAsync())!, open => open == 0, TimeSpan.FromSeconds(5), "no transaction open");
        Assert.Equal(1, factory.Probe.Invocations["slowpoke"]); // Still in its first, hanging delivery.
    }

    [Theory, Providers]
    public async Task A_consumer_whose_event_type_was_renamed_still_reads_rows_written_under_the_old_type(TestProvider provider)
    {
        await using var factory = new CooApiFactory(provider, ownDatabase: true)
        {
            TestServices = services => services.AddIntegrationEventHandler<UserSignedUp, UserSignedUpHandler, UsersDbContext>(),
        };
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        UserSignedUpHandler.Seen.Clear();

        // Written by the Users module as UserRegisteredIntegrationEvent; read by a type of another name, same event name.
        var ada = await client.CreateUserAsync("ada_renamed");

        var seen = await Eventually.MatchAsync(() => Task.FromResult(UserSignedUpHandler.Seen.ToArray()), s => s.Length == 1, what: "the renamed consumer to see the event");
        Assert.Equal(("ada_renamed", ada.Id), (seen[0].Username, seen[0].UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Task InjectAnalyticsFaultAsync(CooApiFactory factory) => OutboxTests.ExecuteAsync(factory, factory.Provider == TestProvider.Sqlite
        ? """
          CREATE TRIGGER analytics_injected_fault_insert BEFORE INSERT ON analytics_counts BEGIN SELECT RAISE(ABORT, 'injected analytics fault'); END;
          CREATE TRIGGER analytics_injected_fault_update BEFORE UPDATE ON analytics_counts BEGIN SELECT RAISE(ABORT, 'injected analytics fault'); END;
          """
        : """
          CREATE OR REPLACE FUNCTION analytics.injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected analytics fault'; END $$;
          CREATE TRIGGER injected_fault BEFORE INSERT OR UPDATE ON analytics.counts FOR EACH ROW EXECUTE FUNCTION analytics.injected_fault();
          """);

    private static Task RemoveAnalyticsFaultAsync(CooApiFactory factory) => OutboxTests.ExecuteAsync(factory, factory.Provider == TestProvider.Sqlite
        ? "DROP TRIGGER IF EXISTS analytics_injected_fault_insert; DROP TRIGGER IF EXISTS analytics_injected_fault_update;"
        : "DROP TRIGGER IF EXISTS injected_fault ON analytics.counts; DROP FUNCTION IF EXISTS analytics.injected_fault();");
}

/// <summary>UserRegistered as a consumer might declare it after renaming the type: another CLR name, the same event name.</summary>
[IntegrationEvent("users.user-registered.v1")]
public sealed record UserSignedUp(Guid Id, DateTimeOffset OccurredAt, long UserId, string Username) : IIntegrationEvent;

internal sealed class UserSignedUpHandler : IIntegrationEventHandler<UserSignedUp>
{
    public static ConcurrentQueue<UserSignedUp> Seen { get; } = new();

    public Task HandleAsync(UserSignedUp integrationEvent, CancellationToken cancellationToken)
    {
        Seen.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}

public static class ParkedMessagesApiExtensions
{
    public static async Task<List<JsonElement>> ParkedAsync(this HttpClient client, TestUser admin, string query)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/messages/parked" + query, admin.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    public static async Task RequeueOkAsync(this HttpClient client, TestUser admin, object request, int? expected = null)
    {
        using var response = await client.SendAsAsync(HttpMethod.Post, "/api/v1/admin/messages/parked/requeue", admin.Tokens.AccessToken, request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requeued = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requeued").GetInt32();
        if (expected is { } count)
        {
            Assert.Equal(count, requeued);
        }
        else
        {
            Assert.True(requeued > 0);
        }
    }
}
