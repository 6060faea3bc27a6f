using System.Data.Common;
using System.Globalization;
using Coo.Modules.Users.Contracts;
using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Coo.IntegrationTests.Messaging;

/// <summary>The outbox relay and the consumers' own queues (inboxes), through the probe consumer of UserRegistered.</summary>
[Collection(ApiCollection.Name)]
public sealed class OutboxTests(ApiFixture fixture)
{
    private static readonly string Probe = typeof(ProbeHandler).FullName!;

    [Theory, Providers]
    public async Task A_consumer_that_throws_is_retried_and_later_succeeds(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        using var _ = await client.RegisterAsync("flaky_one");

        var row = await Eventually.MatchAsync(() => ProbeRowAsync(factory), r => r.Processed, what: "the probe's copy to be processed");
        Assert.Equal(ProbeHandler.FlakyFailures + 1, row.Attempts);
        Assert.Equal(ProbeHandler.FlakyFailures + 1, factory.Probe.Invocations["flaky_one"]);
        Assert.Null(row.LastError);
    }

    [Theory, Providers]
    public async Task A_failed_delivery_is_retried_when_its_delay_is_up_not_at_the_next_poll(TestProvider provider)
    {
        // Polls every ten minutes: only the retry's own wake-up can bring the delivery back within the wait below.
        await using var factory = CooApiFactory.WithQueuesWorkedByTheTest(provider);
        await factory.ResetAsync();
        using var client = factory.CreateClient();

        using var _ = await client.RegisterAsync("flaky_two");

        var row = await Eventually.MatchAsync(() => ProbeRowAsync(factory), r => r.Processed, what: "the probe's copy to be processed after its retries");
        Assert.Equal(ProbeHandler.FlakyFailures + 1, row.Attempts);
    }

    [Theory, Providers]
    public async Task A_consumer_that_always_fails_parks_only_its_own_copy(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        using var _ = await client.RegisterAsync("poison_one");

        var row = await Eventually.MatchAsync(() => ProbeRowAsync(factory), r => r.Parked, what: "the probe's copy to be parked");
        Assert.False(row.Processed);
        Assert.Equal(CooApiFactory.MaxAttempts, row.Attempts);
        Assert.Contains("Probe failure", row.LastError, StringComparison.Ordinal);
        Assert.Equal(CooApiFactory.MaxAttempts, factory.Probe.Invocations["poison_one"]);

        // The event itself was relayed once, and Analytics' copy of it was handled at the first attempt.
        var relayed = Assert.Single(await DatabaseProbe.OutboxRowsAsync(factory, "users"));
        Assert.True(relayed.Relayed);
        Assert.False(relayed.Parked);
        var analytics = await Eventually.MatchAsync(
            async () => (await DatabaseProbe.InboxRowsAsync(factory, "analytics")).SingleOrDefault(r => r.EventName == "users.user-registered.v1") ?? NotYetRelayed,
            r => r.Processed,
            what: "Analytics' copy to be processed");
        Assert.Equal(1, analytics.Attempts);
    }

    [Theory, Providers]
    public async Task An_event_reaches_only_the_queues_whose_filter_wants_it(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var ada = await client.CreateUserAsync("ada");
        await client.PostCooOkAsync(ada, "plain");
        var tagged = await client.PostCooOkAsync(ada, "about #dotnet");
        await OutboxDrain.WaitAsync(factory);

        // Analytics counts every coo; Tags has work only for the tagged one; Reactions, Notifications and Media for neither.
        static int Posted(List<DatabaseProbe.InboxRow> rows) => rows.Count(r => r.EventName == "coos.coo-posted.v1");
        Assert.Equal(2, Posted(await DatabaseProbe.InboxRowsAsync(factory, "analytics")));
        Assert.Equal(1, Posted(await DatabaseProbe.InboxRowsAsync(factory, "tags")));
        Assert.Equal(0, Posted(await DatabaseProbe.InboxRowsAsync(factory, "reactions")));
        Assert.Equal(0, Posted(await DatabaseProbe.InboxRowsAsync(factory, "notifications")));
        Assert.Equal(0, Posted(await DatabaseProbe.InboxRowsAsync(factory, "media")));
        Assert.Equal([tagged.Id], (await client.WholeListAsync<CooItem>("/api/v1/tags/dotnet/coos", pageSize: 20)).Select(c => c.Id));
    }

    [Theory, Providers]
    public async Task An_event_no_filter_can_judge_goes_to_every_subscriber_and_each_parks_its_copy(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        await client.PostCooOkAsync(await client.CreateUserAsync("ada"), "plain");
        await OutboxDrain.WaitAsync(factory);

        // Content that reads as no event at all: the relay must neither drop it nor stop on it.
        await ExecuteAsync(factory, $"UPDATE {Table(factory, "coos", "outbox_messages")} SET content = 'null', relayed_at = NULL");

        await Eventually.MatchAsync(async () => (await DatabaseProbe.OutboxRowsAsync(factory, "coos")).Single(), r => r.Relayed, what: "the row to be relayed again");
        foreach (var filtering in new[] { "tags", "reactions", "notifications", "media" })
        {
            var copy = await Eventually.MatchAsync(
                async () => (await DatabaseProbe.InboxRowsAsync(factory, filtering)).SingleOrDefault(r => r.EventName == "coos.coo-posted.v1") ?? NotYetRelayed,
                r => r.Parked,
                what: $"{filtering}' copy to be parked");
            Assert.Equal(1, copy.Attempts);
        }
    }

    [Theory, Providers]
    public async Task A_message_relayed_twice_has_one_effect(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        using var _ = await client.RegisterAsync("twice");
        await Eventually.MatchAsync(() => ProbeRowAsync(factory), r => r.Processed, what: "the first delivery");

        // As after a crash between the inbox commit and the relay's own mark: the row is relayed again.
        await ExecuteAsync(factory, $"UPDATE {Table(factory, "users", "outbox_messages")} SET relayed_at = NULL");
        var again = await Eventually.MatchAsync(
            async () => Assert.Single(await DatabaseProbe.OutboxRowsAsync(factory, "users")), r => r.Relayed, what: "the row to be relayed again");

        Assert.Equal(2, again.Attempts);
        Assert.Single(await DatabaseProbe.InboxRowsAsync(factory, "users"), r => r.Consumer == Probe);
        Assert.Equal(1, factory.Probe.Invocations["twice"]);
    }

    [Theory, Providers]
    public async Task Events_published_together_at_one_instant_are_handled_in_the_order_they_were_published(TestProvider provider)
    {
        await using var factory = CooApiFactory.WithQueuesWorkedByTheTest(provider);
        await factory.ResetAsync();

        // As a batch handler publishes: one transaction, and a clock that did not move between the events.
        var published = Enumerable.Range(0, 40).Select(i => $"tied{i}").ToList();
        var instant = DateTimeOffset.UtcNow;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
            foreach (var (username, i) in published.Select((username, i) => (username, i)))
            {
                users.Publish(new UserRegisteredIntegrationEvent(Guid.CreateVersion7(), instant, 1_000 + i, username, username));
            }

            await users.SaveChangesAsync();
        }

        var handled = await Eventually.MatchAsync(
            () => Task.FromResult(factory.Probe.Handled.ToList()), h => h.Count == published.Count, what: "every event handled");
        Assert.Equal(published, handled);
    }

    [Fact]
    public async Task The_relay_and_the_consumer_are_woken_by_a_commit_rather_than_waiting_for_their_poll()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite) { Settings = { ["Outbox:PollingInterval"] = "00:05:00" } };
        await factory.ResetAsync();
        using var client = factory.CreateClient();

        using var _ = await client.RegisterAsync("prompt");

        await Eventually.MatchAsync(() => ProbeRowAsync(factory), r => r.Processed, TimeSpan.FromSeconds(20), "delivery long before the 5-minute poll");
    }

    [Theory, Providers]
    public async Task An_event_name_no_type_carries_is_parked_with_a_clear_error(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        using var registered = await client.RegisterAsync("namer");
        await Eventually.MatchAsync(() => ProbeRowAsync(factory), r => r.Processed, what: "the registration to be delivered");

        // A row written by a build that knew an event this one does not.
        await ExecuteAsync(factory, $"UPDATE {Table(factory, "users", "outbox_messages")} SET event_name = 'users.from-the-future.v9', relayed_at = NULL");

        var row = await Eventually.MatchAsync(async () => (await DatabaseProbe.OutboxRowsAsync(factory, "users")).Single(), r => r.Parked, what: "the row to be parked");
        Assert.Contains("Unknown integration event name 'users.from-the-future.v9'", row.LastError, StringComparison.Ordinal);
        Assert.Equal(2, row.Attempts); // The first relay, then parked at once: no crash loop, no retries.
    }

    [Fact]
    public async Task Concurrent_relays_and_consumers_never_hand_one_message_to_two_deliveries()
    {
        var factory = await fixture.StartAsync(TestProvider.PostgreSql);
        using var client = factory.CreateClient();
        factory.Probe.Delay = TimeSpan.FromMilliseconds(30);
        var usernames = Enumerable.Range(0, 30).Select(i => $"crowd{i}").ToArray();

        foreach (var batch in usernames.Chunk(10))
        {
            var responses = await Task.WhenAll(batch.Select(u => client.RegisterAsync(u)));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }

        // More relays and consumer workers race the host's own, as other instances would.
        var probe = factory.Services.GetServices<IIntegrationEventConsumer>().Single(c => c.Name == Probe);
        var relays = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<OutboxRelay<UsersDbContext>>(factory.Services)).ToArray();
        var processors = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<InboxProcessor>(factory.Services)).ToArray();
        await Task.WhenAll(
            relays.Select(async r =>
            {
                while (await r.RelayBatchAsync(CancellationToken.None) > 0)
                {
                }
            }).Concat(processors.Select(async p =>
            {
                while (await p.ProcessBatchAsync(probe, CancellationToken.None) > 0)
                {
                }
            })));

        var rows = await Eventually.MatchAsync(
            async () => (await DatabaseProbe.InboxRowsAsync(factory, "users")).Where(r => r.Consumer == Probe).ToList(),
            r => r.Count == 30 && r.All(m => m.Processed),
            what: "every probe copy processed");
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.All(usernames, u => Assert.Equal(1, factory.Probe.Invocations[u]));
    }

    [Theory, Providers]
    public async Task Messages_claimed_together_commit_together_and_a_failing_one_costs_only_its_own_attempt(TestProvider provider)
    {
        await using var factory = CooApiFactory.WithQueuesWorkedByTheTest(provider);
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        factory.Probe.PoisonHealed = true;
        foreach (var username in new[] { "first", "second", "poison_third", "fourth", "fifth" })
        {
            using var _ = await client.RegisterAsync(username);
        }

        await Eventually.MatchAsync(() => ProcessedAtAsync(factory), rows => rows.Count == 5 && rows.All(r => r is not null), what: "every registration delivered");
        factory.Probe.PoisonHealed = false;
        await ExecuteAsync(factory, $"UPDATE {Table(factory, "users", "inbox_messages")} SET processed_at = NULL, attempts = 0 WHERE consumer = '{Probe}'");

        // A clock that moves with every reading, so that two transactions never share a millisecond by chance.
        Assert.Equal(5, await factory.WorkQueueOnceAsync(Probe, new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) }));

        // One mark per transaction: the two before the failure committed together, and so did the two after it.
        var processedAt = await ProcessedAtAsync(factory);
        Assert.Null(processedAt[2]);
        Assert.All(processedAt.Where((_, i) => i != 2), at => Assert.NotNull(at));
        Assert.Equal(processedAt[0], processedAt[1]);
        Assert.Equal(processedAt[3], processedAt[4]);
        Assert.NotEqual(processedAt[1], processedAt[3]);
        var rows = (await DatabaseProbe.InboxRowsAsync(factory, "users")).Where(r => r.Consumer == Probe).ToList();
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Contains("Probe failure", rows[2].LastError, StringComparison.Ordinal);
        Assert.Equal(2, factory.Probe.Invocations["poison_third"]); // Its first, healed delivery and this one: not run again after the rollback.
    }

    [Fact]
    public async Task Messages_whose_transaction_waited_for_the_busy_sqlite_writer_still_commit_together()
    {
        await using var factory = CooApiFactory.WithQueuesWorkedByTheTest(TestProvider.Sqlite);
        factory.Settings["Outbox:ConsumerTransactionBudget"] = "00:00:00.050";
        await factory.ResetAsync();
        using var client = factory.CreateClient();
        foreach (var username in new[] { "first", "second", "third", "fourth" })
        {
            using var _ = await client.RegisterAsync(username);
        }

        await Eventually.MatchAsync(() => ProcessedAtAsync(factory), rows => rows.Count == 4 && rows.All(r => r is not null), what: "every registration delivered");
        await OutboxDrain.SettleAsync(factory);
        await ExecuteAsync(factory, $"UPDATE {Table(factory, "users", "inbox_messages")} SET processed_at = NULL, attempts = 0 WHERE consumer = '{Probe}'");

        // The test holds the file's write turn, hands it to the claim, and takes it back before the claim's consumer
        // transaction can begin; while that transaction waits, more than its budget passes.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        await using var connection = factory.OpenConnection();
        var gate = SqliteWriteGate.For(new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource);
        Assert.True(await gate.EnterAsync(request: false, "a check", "the test", TimeSpan.FromSeconds(5), CancellationToken.None));
        var worked = factory.WorkQueueOnceAsync(Probe, time);
        await Eventually.MatchAsync(() => Task.FromResult(gate.Waiting), waiting => waiting == 1, what: "the claim waiting for the turn");
        var takenBack = gate.EnterAsync(request: false, "a check", "the test", TimeSpan.FromSeconds(30), CancellationToken.None);
        gate.Exit();
        Assert.True(await takenBack);
        await Eventually.MatchAsync(() => Task.FromResult(gate.Waiting), waiting => waiting == 1, what: "the consumer transaction waiting for the turn");
        time.Advance(TimeSpan.FromSeconds(1));
        gate.Exit();

        Assert.Equal(4, await worked);
        var processedAt = await ProcessedAtAsync(factory);
        Assert.All(processedAt, at => Assert.Equal(processedAt[0], at)); // One mark: one transaction.
    }

    [Theory, Providers]
    public async Task The_clean_up_job_deletes_old_relayed_and_processed_rows_and_keeps_parked_ones(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        using var delivered = await client.RegisterAsync("delivered");
        using var parked = await client.RegisterAsync("poison_kept");
        await Eventually.MatchAsync(
            async () => (await DatabaseProbe.InboxRowsAsync(factory, "users")).Where(r => r.Consumer == Probe).ToList(),
            rows => rows.Count == 2 && rows.All(r => r.Processed || r.Parked),
            what: "one processed and one parked copy");

        var retention = factory.Services.GetRequiredService<IOptions<OutboxOptions>>().Value.Retention;

        await factory.RunJobAsync<MessageCleanupJob>(retention - TimeSpan.FromMinutes(1));
        var outboxWithinRetention = (await DatabaseProbe.OutboxRowsAsync(factory, "users")).Count;
        var inboxWithinRetention = (await DatabaseProbe.InboxRowsAsync(factory, "users")).Count;
        await factory.RunJobAsync<MessageCleanupJob>(retention + TimeSpan.FromMinutes(1));

        // Kept until then: a processed copy is what keeps a second delivery of its message from acting twice.
        Assert.NotEqual(0, outboxWithinRetention);
        Assert.Equal(2, inboxWithinRetention);
        Assert.Empty(await DatabaseProbe.OutboxRowsAsync(factory, "users"));
        var remaining = Assert.Single(await DatabaseProbe.InboxRowsAsync(factory, "users"));
        Assert.True(remaining.Parked); // Kept: once requeued it must still find its record and have one effect.
    }

    /// <summary>The probe's copy of the one registration, once relayed.</summary>
    private static async Task<DatabaseProbe.InboxRow> ProbeRowAsync(CooApiFactory factory) =>
        (await DatabaseProbe.InboxRowsAsync(factory, "users")).SingleOrDefault(r => r.Consumer == Probe) ?? NotYetRelayed;

    private static readonly DatabaseProbe.InboxRow NotYetRelayed = new(Guid.Empty, "", "", null, 0, false, false, null);

    /// <summary>When each of the probe's copies was marked processed (null while not), in the order of the events.</summary>
    private static async Task<List<string?>> ProcessedAtAsync(CooApiFactory factory)
    {
        await using var connection = factory.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT processed_at FROM {Table(factory, "users", "inbox_messages")} WHERE consumer = '{Probe}' ORDER BY occurred_at";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetValue(0) switch
            {
                DBNull => null,
                DateTime at => at.ToString("O", CultureInfo.InvariantCulture),
                var at => Convert.ToString(at, CultureInfo.InvariantCulture), // SQLite: ticks with the offset
            });
        }

        return rows;
    }

    internal static string Table(CooApiFactory factory, string schema, string name) =>
        factory.Provider == TestProvider.Sqlite ? $"{schema}_{name}" : $"{schema}.{name}";

    internal static async Task ExecuteAsync(CooApiFactory factory, string sql)
    {
        await using var connection = factory.OpenConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
