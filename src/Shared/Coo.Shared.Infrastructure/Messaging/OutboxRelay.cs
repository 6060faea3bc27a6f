using System.Diagnostics;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Hands one module's outbox to the inbox of every subscribed consumer that wants the event (see
/// <see cref="IIntegrationEventConsumer.Wants"/>), one row per consumer in the consumer module's
/// own schema (or database), committed before the outbox row counts as relayed. Relaying runs no consumer code, so a
/// failing or slow consumer never holds up the others: each processes its own queue (<see cref="InboxProcessor"/>).
/// Woken after each commit, polling as a safety net; rows are leased, never locked while relayed.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    MessageWakeup wakeup,
    IntegrationEventCatalog catalog,
    IntegrationEventSubscriptions subscriptions,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ModuleDbContext
{
    private readonly OutboxOptions _options = options.Value;

    /// <summary>This relay's lease id for as long as it runs (see <see cref="Leases"/>).</summary>
    private readonly Guid _lease = Guid.NewGuid();

    /// <summary>This relay's retries, for its loop to wake when they fall due.</summary>
    private readonly RetrySchedule _retries = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string schema;
        await using (var scope = scopes.CreateAsyncScope())
        {
            schema = scope.ServiceProvider.GetRequiredService<TContext>().Schema;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            var claimStarted = time.GetTimestamp();
            var lookedAt = time.GetUtcNow();
            try
            {
                claimed = await RelayBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex.IsDatabaseUnavailable())
            {
                LogDatabaseUnavailable(schema, ex.GetBaseException().Message);
            }
            catch (Exception ex)
            {
                LogBatchFailed(ex, schema);
            }

            _retries.ForgetDueBy(lookedAt);
            if (claimed < _options.BatchSize)
            {
                await wakeup.WaitAsync(MessageWakeup.Outbox(schema), _retries.UntilNextLook(PollSpread.Next(_options.PollingInterval), time.GetUtcNow()), stoppingToken);
                await ClaimSpacing.WaitAsync(time, claimStarted, claimed, _options.BatchSize, _options.BusyClaimInterval, stoppingToken);
            }
        }
    }

    /// <returns>How many messages were claimed.</returns>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var lease = _lease;
        var now = time.GetUtcNow();
        var batch = await Leases.ClaimOutboxAsync(db, lease, now, now + _options.LeaseDuration, _options.BatchSize, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var spans = new List<Activity>();
        try
        {
            var deliveries = new List<(OutboxMessage Message, IIntegrationEventConsumer Consumer, string? TraceParent, string? TraceState)>();
            var failed = new Dictionary<Guid, string>();
            var waiting = new Dictionary<Guid, string>();
            foreach (var message in batch)
            {
                var outer = Activity.Current;
                var span = StartRelaySpan(db.Schema, message);
                Activity.Current = outer; // Each message's span is a sibling under its own stored parent, not the previous one's child.
                if (span is not null)
                {
                    spans.Add(span);
                }

                if (!catalog.Knows(message.EventName))
                {
                    failed[message.Id] = $"Unknown integration event name '{message.EventName}': no event type in this build carries it. Requeue it once a build that knows it runs.";
                    continue;
                }

                deliveries.AddRange(Wanting(message).Select(c => (message, c, span?.Id, span?.TraceStateString)));
            }

            foreach (var group in deliveries.GroupBy(d => d.Consumer.ContextType))
            {
                try
                {
                    await AppendToInboxAsync(group.Key, [.. group], cancellationToken);
                    foreach (var consumer in group.Select(d => d.Consumer.Name).Distinct())
                    {
                        wakeup.Notify(MessageWakeup.Inbox(consumer));
                    }
                }
                catch (Exception ex) when (ex.IsDatabaseUnavailable() && !cancellationToken.IsCancellationRequested)
                {
                    var reason = OutboxMessage.Truncate($"Waits for the database of {string.Join(", ", group.Select(d => d.Consumer.Name).Distinct())}: {ex.GetBaseException().Message}");
                    LogInboxUnavailable(db.Schema, reason);
                    foreach (var (message, _, _, _) in group)
                    {
                        waiting.TryAdd(message.Id, reason);
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    foreach (var (message, _, _, _) in group)
                    {
                        failed.TryAdd(message.Id, ex.ToString());
                    }
                }
            }

            await MarkRelayedAsync(db, lease, [.. batch.Where(m => !failed.ContainsKey(m.Id) && !waiting.ContainsKey(m.Id)).Select(m => m.Id)], cancellationToken);
            foreach (var message in batch.Where(m => failed.ContainsKey(m.Id) || waiting.ContainsKey(m.Id)))
            {
                await RecordOutcomeAsync(db, lease, message, failed.GetValueOrDefault(message.Id), waiting.GetValueOrDefault(message.Id), cancellationToken);
            }
        }
        finally
        {
            spans.ForEach(s => s.Dispose());
        }

        return batch.Count;
    }

    /// <summary>
    /// The consumers that have work for the message: all of its subscribers, less those whose filter turns it down. It
    /// is read only when some subscriber filters, once per event type they read it as. A filter is only a saving: content
    /// that cannot be read, or a filter that fails, sends the message to every subscriber, whose own queues then decide.
    /// </summary>
    private List<IIntegrationEventConsumer> Wanting(OutboxMessage message)
    {
        var subscribers = subscriptions.Of(message.EventName).ToList();
        if (!subscribers.Exists(c => c.Filters))
        {
            return subscribers;
        }

        var read = new Dictionary<Type, IIntegrationEvent>();
        try
        {
            return subscribers.FindAll(c => !c.Filters || c.Wants(ReadAs(c.EventType)));
        }
        catch (Exception ex)
        {
            LogFilterFailed(ex, message.Id, message.EventName);
            return subscribers;
        }

        IIntegrationEvent ReadAs(Type eventType)
        {
            if (!read.TryGetValue(eventType, out var integrationEvent))
            {
                integrationEvent = (IIntegrationEvent)IntegrationEventSerializer.Deserialize(eventType, message.Content);
                read[eventType] = integrationEvent;
            }

            return integrationEvent;
        }
    }

    private static Activity? StartRelaySpan(string schema, OutboxMessage message)
    {
        // The relay continues the trace of the request that raised the event, however much later it runs.
        var activity = CooTracing.Messaging.StartWithStoredParent(
            $"relay {message.EventName}", ActivityKind.Producer, message.TraceParent, message.TraceState);
        activity?.SetTag("messaging.system", "coo-outbox");
        activity?.SetTag("messaging.destination.name", schema);
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        activity?.SetTag("messaging.message.delivery_attempt", message.Attempts + 1);
        return activity;
    }

    /// <summary>Adds the rows the consumer module's inbox does not hold yet, in that module's database.</summary>
    private async Task AppendToInboxAsync(
        Type contextType, List<(OutboxMessage Message, IIntegrationEventConsumer Consumer, string? TraceParent, string? TraceState)> deliveries, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var inbox = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(contextType);
        var now = time.GetUtcNow();
        await InboxRows.AddMissingAsync(
            inbox, [.. deliveries.Select(d => InboxMessage.For(d.Message, d.Consumer.Name, now, d.TraceParent, d.TraceState))], cancellationToken);
    }

    /// <summary>One statement for every message of the batch that reached all its consumers.</summary>
    private async Task MarkRelayedAsync(TContext db, Guid lease, List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimedBy == lease).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.RelayedAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
            cancellationToken);
    }

    /// <summary>A message that some consumer's inbox did not take: retried later, or parked.</summary>
    private async Task RecordOutcomeAsync(TContext db, Guid lease, OutboxMessage message, string? error, string? waitingFor, CancellationToken cancellationToken)
    {
        var ours = db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedBy == lease);
        var now = time.GetUtcNow();
        if (error is null)
        {
            // A consumer's database is down: not the message's fault, so not one of its attempts, however long the
            // outage. Consumers whose inboxes took it already are not given it twice (the inbox key).
            var retryAt = now + _options.RetryDelay(1);
            await ours.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.NextAttemptAt, retryAt).SetProperty(m => m.LastError, waitingFor)
                    .SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken);
            _retries.Add(retryAt);
            return;
        }

        var unknownName = !catalog.Knows(message.EventName);
        var (attempts, nextAttemptAt, parkedAt) = unknownName ? (message.Attempts + 1, now, now) : _options.AfterFailure(message.Attempts, now);
        var lastError = OutboxMessage.Truncate(error);
        await ours.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, nextAttemptAt).SetProperty(m => m.ParkedAt, parkedAt)
                .SetProperty(m => m.LastError, lastError).SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
            cancellationToken);
        if (parkedAt is not null)
        {
            LogParked(message.Id, message.EventName, db.Schema, attempts, lastError);
        }
        else
        {
            LogRetry(message.Id, message.EventName, attempts, nextAttemptAt, lastError);
            _retries.Add(nextAttemptAt);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({EventName}) goes to every subscriber: a subscription filter could not judge it")]
    private partial void LogFilterFailed(Exception exception, Guid messageId, string eventName);

    [LoggerMessage(LogLevel.Error, "Outbox relay of schema {Schema} failed; retrying after the poll interval")]
    private partial void LogBatchFailed(Exception exception, string schema);

    [LoggerMessage(LogLevel.Warning, "Outbox relay of schema {Schema} waits for the database: {Reason}")]
    private partial void LogDatabaseUnavailable(string schema, string reason);

    [LoggerMessage(LogLevel.Warning, "Outbox relay of schema {Schema}: {Reason}")]
    private partial void LogInboxUnavailable(string schema, string reason);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} ({EventName}) of schema {Schema} parked after {Attempts} attempts; an operator must requeue it: {LastError}")]
    private partial void LogParked(Guid messageId, string eventName, string schema, int attempts, string lastError);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({EventName}) could not be relayed (attempt {Attempts}); next attempt at {NextAttemptAt}: {LastError}")]
    private partial void LogRetry(Guid messageId, string eventName, int attempts, DateTimeOffset nextAttemptAt, string lastError);
}
