using System.Data.Common;
using Coo.Modules.Users.Data;
using Coo.Shared.Infrastructure.Jobs;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Modules;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coo.IntegrationTests.Messaging;

[Collection(ApiCollection.Name)]
public sealed class OutboxTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task A_consumer_that_throws_is_retried_and_later_succeeds(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        using var _ = await client.RegisterAsync("flaky_one");

        var row = await Eventually.MatchAsync(() => SingleRowAsync(factory), r => r.Processed, what: "the message to be processed");
        Assert.Equal(ProbeHandler.FlakyFailures + 1, row.Attempts);
        Assert.Equal(ProbeHandler.FlakyFailures + 1, ProbeHandler.Invocations["flaky_one"]);
        Assert.Null(row.LastError);
    }

    [Theory, Providers]
    public async Task A_message_that_always_fails_ends_parked_after_the_maximum_attempts(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();

        using var _ = await client.RegisterAsync("poison_one");

        var row = await Eventually.MatchAsync(() => SingleRowAsync(factory), r => r.Parked, what: "the message to be parked");
        Assert.False(row.Processed);
        Assert.Equal(CooApiFactory.MaxAttempts, row.Attempts);
        Assert.Contains("Probe failure", row.LastError, StringComparison.Ordinal);
        Assert.Equal(CooApiFactory.MaxAttempts, ProbeHandler.Invocations["poison_one"]);
    }

    [Theory, Providers]
    public async Task A_message_delivered_twice_has_one_effect(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        using var _ = await client.RegisterAsync("twice");
        await Eventually.MatchAsync(() => SingleRowAsync(factory), r => r.Processed, what: "the first delivery");
        var (id, type, content) = await RawMessageAsync(factory);

        var delivery = factory.Services.GetRequiredService<IntegrationEventDelivery>();
        await delivery.DeliverAsync(id, type, content, CancellationToken.None);
        await delivery.DeliverAsync(id, type, content, CancellationToken.None);

        Assert.Equal(1, ProbeHandler.Invocations["twice"]);
        Assert.Equal(1, await CountInboxAsync(factory, id, typeof(ProbeHandler).FullName!));
    }

    [Fact]
    public async Task The_dispatcher_is_woken_by_a_commit_rather_than_waiting_for_its_poll()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite) { Settings = { ["Outbox:PollingInterval"] = "00:05:00" } };
        await factory.ResetAsync();
        using var client = factory.CreateClient();

        using var _ = await client.RegisterAsync("prompt");

        await Eventually.MatchAsync(() => SingleRowAsync(factory), r => r.Processed, TimeSpan.FromSeconds(20), "delivery long before the 5-minute poll");
    }

    [PostgreSqlFact]
    public async Task Concurrent_dispatchers_never_hand_one_message_to_two_deliveries()
    {
        var factory = await fixture.StartAsync(TestProvider.PostgreSql);
        using var client = factory.CreateClient();
        ProbeHandler.Delay = TimeSpan.FromMilliseconds(30);
        var usernames = Enumerable.Range(0, 30).Select(i => $"crowd{i}").ToArray();

        foreach (var batch in usernames.Chunk(10))
        {
            var responses = await Task.WhenAll(batch.Select(u => client.RegisterAsync(u)));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        }

        // Two more dispatchers race the host's own, as other instances would.
        var dispatchers = Enumerable.Range(0, 2)
            .Select(_ => ActivatorUtilities.CreateInstance<OutboxDispatcher<UsersDbContext>>(factory.Services))
            .ToArray();
        await Task.WhenAll(dispatchers.Select(async d =>
        {
            while (await d.DispatchBatchAsync(CancellationToken.None) > 0)
            {
            }
        }));

        var rows = await Eventually.MatchAsync(() => DatabaseProbe.OutboxRowsAsync(factory, "users"), r => r.All(m => m.Processed), what: "every message processed");
        Assert.Equal(30, rows.Count);
        Assert.All(usernames, u => Assert.Equal(1, ProbeHandler.Invocations[u]));
    }

    [Theory, Providers]
    public async Task The_clean_up_job_deletes_old_delivered_rows_and_keeps_parked_ones(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        using var delivered = await client.RegisterAsync("delivered");
        using var parked = await client.RegisterAsync("poison_kept");
        await Eventually.MatchAsync(
            () => DatabaseProbe.OutboxRowsAsync(factory, "users"),
            rows => rows.Count == 2 && rows.All(r => r.Processed || r.Parked),
            what: "one delivered and one parked message");

        var job = new MessageCleanupJob(
            factory.Services.GetRequiredService<IServiceScopeFactory>(),
            factory.Services.GetServices<ModuleDatabase>(),
            factory.Services.GetRequiredService<IOptions<OutboxOptions>>(),
            new ShiftedTime(TimeSpan.FromDays(8)),
            NullLogger<MessageCleanupJob>.Instance);
        await job.RunAsync(CancellationToken.None);

        var remaining = Assert.Single(await DatabaseProbe.OutboxRowsAsync(factory, "users"));
        Assert.True(remaining.Parked);
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "inbox_messages"));
    }

    private static async Task<DatabaseProbe.OutboxRow> SingleRowAsync(CooApiFactory factory) =>
        Assert.Single(await DatabaseProbe.OutboxRowsAsync(factory, "users"));

    private static async Task<(Guid Id, string Type, string Content)> RawMessageAsync(CooApiFactory factory)
    {
        await using var connection = factory.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, type, content FROM {Table(factory, "outbox_messages")}";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (Guid.Parse(reader.GetValue(0).ToString()!), reader.GetString(1), reader.GetString(2));
    }

    private static async Task<long> CountInboxAsync(CooApiFactory factory, Guid messageId, string consumer)
    {
        await using var connection = factory.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Table(factory, "inbox_messages")} WHERE consumer = @consumer";
        AddParameter(command, "@consumer", consumer);
        var count = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(Guid.Empty, messageId);
        return count;
    }

    private static string Table(CooApiFactory factory, string name) =>
        factory.Provider == TestProvider.Sqlite ? $"users_{name}" : $"users.{name}";

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
