using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
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
/// Works every consumer's queue on its own loop, with its own retries, backoff, timeout and parking: a consumer that
/// keeps failing, or hangs until its timeout, delays nobody but itself. A message is handled in the same transaction as
/// the mark that it was processed (several messages share one under load); the lease taken when claiming is checked in
/// that transaction, so a message whose lease ran out and was taken over elsewhere never has its effect twice.
/// </summary>
internal sealed partial class InboxProcessor(
    IEnumerable<IIntegrationEventConsumer> consumers,
    IServiceScopeFactory scopes,
    MessageWakeup wakeup,
    IOptions<OutboxOptions> options,
    CooMetrics metrics,
    TimeProvider time,
    ILogger<InboxProcessor> logger) : BackgroundService
{
    /// <summary>How long a consumer that retries until done waits at most between attempts.</summary>
    internal static readonly TimeSpan UntilDoneMaxDelay = TimeSpan.FromSeconds(2);

    private readonly OutboxOptions _options = options.Value;

    /// <summary>Each consumer's lease id for as long as this processor runs (see <see cref="Leases"/>).</summary>
    private readonly ConcurrentDictionary<string, Guid> _leases = new();

    /// <summary>Until when each consumer whose last batch failed handles its messages one at a time.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _batchesPausedUntil = new();

    /// <summary>Each consumer's retries, for its loop to wake when they fall due.</summary>
    private readonly ConcurrentDictionary<string, RetrySchedule> _retries = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(consumers.Select(consumer => Task.Run(() => RunAsync(consumer, stoppingToken), CancellationToken.None)));

    private async Task RunAsync(IIntegrationEventConsumer consumer, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            var claimStarted = time.GetTimestamp();
            var lookedAt = time.GetUtcNow();
            try
            {
                claimed = await ProcessBatchAsync(consumer, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex.IsDatabaseUnavailable())
            {
                LogDatabaseUnavailable(consumer.Name, ex.GetBaseException().Message);
            }
            catch (Exception ex)
            {
                LogBatchFailed(ex, consumer.Name);
            }

            var retries = RetriesOf(consumer);
            retries.ForgetDueBy(lookedAt);
            if (claimed < _options.BatchSize)
            {
                await wakeup.WaitAsync(MessageWakeup.Inbox(consumer.Name), retries.UntilNextLook(PollSpread.Next(_options.PollingInterval), time.GetUtcNow()), stoppingToken);
                await ClaimSpacing.WaitAsync(
                    time, claimStarted, claimed, _options.BatchSize, consumer.FeedsReports ? _options.ReportingClaimInterval : _options.BusyClaimInterval, stoppingToken);
            }
        }
    }

    /// <returns>How many messages were claimed.</returns>
    internal async Task<int> ProcessBatchAsync(IIntegrationEventConsumer consumer, CancellationToken stoppingToken)
    {
        var lease = _leases.GetOrAdd(consumer.Name, _ => Guid.NewGuid());
        var now = time.GetUtcNow();
        var leaseEnds = now + _options.LeaseDuration;
        List<InboxMessage> batch;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.ContextType);
            batch = await Leases.ClaimInboxAsync(db, consumer.Name, lease, now, leaseEnds, _options.BatchSize, stoppingToken);
        }

        var settled = 0;
        var asBatch = consumer.HandlesBatches && batch.Count > 1 && now >= _batchesPausedUntil.GetValueOrDefault(consumer.Name);
        try
        {
            while (settled < batch.Count)
            {
                if (time.GetUtcNow() + _options.DeliveryTimeout >= leaseEnds)
                {
                    break; // The rest could outlive the lease: give them back rather than race whoever takes them next.
                }

                if (asBatch)
                {
                    asBatch = false;
                    settled = await TryConsumeAsBatchAsync(consumer, batch, lease, leaseEnds, stoppingToken);
                    if (settled == 0)
                    {
                        // One at a time now, so that only a failing message fails; and for a while, so that a batch
                        // too slow for its time does not take that time again and again.
                        _batchesPausedUntil[consumer.Name] = time.GetUtcNow() + _options.LeaseDuration;
                    }

                    continue;
                }

                settled += await ConsumeTogetherAsync(consumer, batch[settled..], lease, leaseEnds, stoppingToken);
            }
        }
        finally
        {
            if (settled < batch.Count)
            {
                await ReleaseAsync(consumer, lease);
            }
        }

        return batch.Count;
    }

    /// <summary>
    /// Handles messages from the start of <paramref name="messages"/> in one transaction, with one mark for all of them,
    /// until <see cref="OutboxOptions.ConsumerTransactionBudget"/> of holding it is spent: under load a queue pays one commit per
    /// transaction, not one per message. A message that fails rolls the transaction back; the ones before it are handled
    /// again in one of their own, and the failure is recorded as that message's attempt without running it twice.
    /// </summary>
    /// <returns>How many messages were settled: handled, or their failure recorded.</returns>
    private async Task<int> ConsumeTogetherAsync(
        IIntegrationEventConsumer consumer, List<InboxMessage> messages, Guid lease, DateTimeOffset leaseEnds, CancellationToken stoppingToken)
    {
        var handled = new List<InboxMessage>();
        (InboxMessage Message, Exception Exception)? failure = null;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.ContextType);
            await using var transaction = await db.Database.BeginTransactionAsync(stoppingToken);

            // Counted from here: waiting for the transaction (SQLite's one writer) is not holding it, and it is under
            // that contention that sharing a commit matters most. Counted from before, a wait longer than the budget
            // left one message per commit, and a busy embedded host fell further behind the more it had to do.
            var started = time.GetTimestamp();
            foreach (var message in messages)
            {
                if (handled.Count > 0
                    && (time.GetElapsedTime(started) >= _options.ConsumerTransactionBudget || time.GetUtcNow() + _options.DeliveryTimeout >= leaseEnds))
                {
                    break;
                }

                if (await TryHandleAsync(consumer, scope.ServiceProvider, db, message, stoppingToken) is { } exception)
                {
                    failure = (message, exception);
                    break;
                }

                handled.Add(message);
            }

            if (failure is null)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(_options.DeliveryTimeout);
                if (await MarkProcessedAsync(db, consumer, handled, lease, timeout.Token) == handled.Count)
                {
                    await transaction.CommitAsync(CancellationToken.None);

                    // Committed: what follows (cache updates) must not be skipped because the host is stopping.
                    await scope.ServiceProvider.GetRequiredService<AfterCommitActions>().RunAsync(CancellationToken.None);
                    return handled.Count;
                }

                if (handled.Count == 1)
                {
                    failure = (handled[0], new InvalidOperationException(
                        $"The lease on message {handled[0].MessageId} for {consumer.Name} ran out and was taken over; its change is rolled back."));
                    handled.Clear();
                }
            }
        }

        if (failure is not { } failed)
        {
            // The lease on some of them was taken over: each alone, so the ones still held commit.
            foreach (var message in handled)
            {
                await ConsumeTogetherAsync(consumer, [message], lease, leaseEnds, stoppingToken);
            }

            return handled.Count;
        }

        for (var again = 0; again < handled.Count;)
        {
            again += await ConsumeTogetherAsync(consumer, handled[again..], lease, leaseEnds, stoppingToken);
        }

        LogConsumerFailed(failed.Exception, failed.Message.MessageId, consumer.Name);
        metrics.ConsumerFailed(consumer.Name);

        // Content that cannot be read will not become readable by retrying.
        await RecordFailureAsync(consumer, failed.Message, lease, failed.Exception, permanent: failed.Exception is JsonException);
        return handled.Count + 1;
    }

    /// <summary>Hands all the messages to the batch handler in one transaction (<see cref="IIntegrationEventBatchHandler{TEvent}"/>).</summary>
    /// <returns>How many were handled: all of them, or none when the batch failed and was rolled back.</returns>
    private async Task<int> TryConsumeAsBatchAsync(
        IIntegrationEventConsumer consumer, List<InboxMessage> messages, Guid lease, DateTimeOffset leaseEnds, CancellationToken stoppingToken)
    {
        // At most half the time the lease leaves for starting deliveries: a batch that fails leaves the other half
        // to handle its messages one at a time.
        var timeLeft = (leaseEnds - time.GetUtcNow() - _options.DeliveryTimeout) / 2;
        if (timeLeft <= TimeSpan.Zero)
        {
            return 0;
        }

        var spans = new List<Activity>();
        try
        {
            var outer = Activity.Current;
            foreach (var message in messages)
            {
                if (StartConsumeSpan(consumer, message) is { } span)
                {
                    span.SetTag("messaging.batch.message_count", messages.Count);
                    spans.Add(span);
                }

                Activity.Current = outer; // Each message's span stays in its own trace, beside the others.
            }

            List<IIntegrationEvent> events;
            try
            {
                events = [.. messages.Select(m => (IIntegrationEvent)IntegrationEventSerializer.Deserialize(consumer.EventType, m.Content))];
            }
            catch (JsonException)
            {
                return 0; // One at a time, the unreadable one is parked.
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.ContextType);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(Min(_options.DeliveryTimeout, timeLeft));
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(timeout.Token);
                await consumer.HandleBatchAsync(scope.ServiceProvider, events, timeout.Token);
                await db.SaveChangesAsync(timeout.Token);
                if (await MarkProcessedAsync(db, consumer, messages, lease, timeout.Token) != messages.Count)
                {
                    return 0; // The lease on some of them was taken over: one at a time, the ones still held commit.
                }

                await transaction.CommitAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex.IsDatabaseUnavailable() && !stoppingToken.IsCancellationRequested)
            {
                spans.ForEach(s => s.RecordFailure(ex));
                throw;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                spans.ForEach(s => s.RecordFailure(ex));
                LogBatchHandlerFailed(ex, consumer.Name, messages.Count);
                return 0;
            }

            await scope.ServiceProvider.GetRequiredService<AfterCommitActions>().RunAsync(CancellationToken.None);
            return messages.Count;
        }
        finally
        {
            spans.ForEach(s => s.Dispose());
        }
    }

    private static Activity? StartConsumeSpan(IIntegrationEventConsumer consumer, InboxMessage message)
    {
        var activity = CooTracing.Messaging.StartWithStoredParent(
            $"consume {message.EventName} by {CooTracing.ConsumerName(consumer.Name)}", ActivityKind.Consumer, message.TraceParent, message.TraceState);
        activity?.SetTag("messaging.system", "coo-outbox");
        activity?.SetTag("messaging.consumer.name", consumer.Name);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        activity?.SetTag("messaging.message.delivery_attempt", message.Attempts + 1);
        return activity;
    }

    /// <summary>Runs the handler of one message in the transaction, with its own span and timeout.</summary>
    /// <returns>Why it failed, or null when it succeeded.</returns>
    private async Task<Exception?> TryHandleAsync(
        IIntegrationEventConsumer consumer, IServiceProvider scopedServices, ModuleDbContext db, InboxMessage message, CancellationToken stoppingToken)
    {
        using var correlation = CorrelationContext.Use(message.CorrelationId);
        using var activity = StartConsumeSpan(consumer, message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.DeliveryTimeout);
        try
        {
            var integrationEvent = (IIntegrationEvent)IntegrationEventSerializer.Deserialize(consumer.EventType, message.Content);
            await consumer.HandleAsync(scopedServices, integrationEvent, timeout.Token);
            await db.SaveChangesAsync(timeout.Token);
            db.ChangeTracker.Clear(); // The next message starts as if with a context of its own.
            return null;
        }
        catch (Exception ex) when (ex.IsDatabaseUnavailable() && !stoppingToken.IsCancellationRequested)
        {
            // Not the message's fault, so not one of its attempts: an outage would otherwise park every message in
            // flight. The loop waits for the database.
            activity.RecordFailure(ex);
            throw;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            activity.RecordFailure(ex);
            return ex;
        }
    }

    private Task<int> MarkProcessedAsync(ModuleDbContext db, IIntegrationEventConsumer consumer, List<InboxMessage> messages, Guid lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = messages.Select(m => m.MessageId).ToList();
        return db.InboxMessages
            .Where(m => ids.Contains(m.MessageId) && m.Consumer == consumer.Name && m.ClaimedBy == lease)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken);
    }

    private async Task RecordFailureAsync(IIntegrationEventConsumer consumer, InboxMessage message, Guid lease, Exception exception, bool permanent)
    {
        var now = time.GetUtcNow();
        var (attempts, nextAttemptAt, parkedAt) = permanent
            ? (message.Attempts + 1, now, now)
            : consumer.RetriesUntilDone
                ? (message.Attempts + 1, now + Min(_options.RetryDelay(message.Attempts + 1), UntilDoneMaxDelay), (DateTimeOffset?)null)
                : _options.AfterFailure(message.Attempts, now);
        var lastError = OutboxMessage.Truncate(exception.ToString());
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.ContextType);
            await db.InboxMessages
                .Where(m => m.MessageId == message.MessageId && m.Consumer == consumer.Name && m.ClaimedBy == lease)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, nextAttemptAt).SetProperty(m => m.ParkedAt, parkedAt)
                        .SetProperty(m => m.LastError, lastError).SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                    CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease runs out and the message is tried again: the failure is only not counted.
            LogFailureNotRecorded(ex, message.MessageId, consumer.Name);
            return;
        }

        if (parkedAt is not null)
        {
            LogParked(message.MessageId, message.EventName, consumer.Name, attempts, lastError);
        }
        else
        {
            LogRetry(message.MessageId, consumer.Name, attempts, nextAttemptAt);
            RetriesOf(consumer).Add(nextAttemptAt);
        }
    }

    private RetrySchedule RetriesOf(IIntegrationEventConsumer consumer) => _retries.GetOrAdd(consumer.Name, _ => new RetrySchedule());

    /// <summary>Gives unprocessed messages of a lease back at once, on a graceful stop or when the lease is nearly spent.</summary>
    private async Task ReleaseAsync(IIntegrationEventConsumer consumer, Guid lease)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.ContextType);
            await db.InboxMessages
                .Where(m => m.Consumer == consumer.Name && m.ClaimedBy == lease && m.ProcessedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        catch (Exception ex) when (ex.IsDatabaseUnavailable())
        {
            // The loop reports the outage once; this worker takes its leased messages again when the database is back.
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex, consumer.Name);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(LogLevel.Error, "Inbox of consumer {Consumer} could not be worked; retrying after the poll interval")]
    private partial void LogBatchFailed(Exception exception, string consumer);

    [LoggerMessage(LogLevel.Warning, "Consumer {Consumer} waits for the database: {Reason}")]
    private partial void LogDatabaseUnavailable(string consumer, string reason);

    [LoggerMessage(LogLevel.Warning, "Consumer {Consumer} failed on a batch of {Count} messages; they are handled one at a time")]
    private partial void LogBatchHandlerFailed(Exception exception, string consumer, int count);

    [LoggerMessage(LogLevel.Warning, "Consumer {Consumer} failed on message {MessageId}")]
    private partial void LogConsumerFailed(Exception exception, Guid messageId, string consumer);

    [LoggerMessage(LogLevel.Error, "Message {MessageId} ({EventName}) parked for consumer {Consumer} after {Attempts} attempts; an operator must requeue it: {LastError}")]
    private partial void LogParked(Guid messageId, string eventName, string consumer, int attempts, string lastError);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} failed for consumer {Consumer} (attempt {Attempts}); next attempt at {NextAttemptAt}")]
    private partial void LogRetry(Guid messageId, string consumer, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(LogLevel.Warning, "The failure of message {MessageId} for consumer {Consumer} could not be recorded; it is retried when its lease runs out")]
    private partial void LogFailureNotRecorded(Exception exception, Guid messageId, string consumer);

    [LoggerMessage(LogLevel.Warning, "Messages leased by consumer {Consumer} could not be given back; this worker takes them again on its next batch, any other when the lease runs out")]
    private partial void LogReleaseFailed(Exception exception, string consumer);
}
