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
/// keeps failing, or hangs until its timeout, delays nobody but itself. Each message is handled in its own transaction
/// together with the mark that it was processed; the lease taken when claiming is checked in that transaction, so a
/// message whose lease ran out and was taken over elsewhere never has its effect twice.
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(consumers.Select(consumer => Task.Run(() => RunAsync(consumer, stoppingToken), CancellationToken.None)));

    private async Task RunAsync(IIntegrationEventConsumer consumer, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
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

            if (claimed < _options.BatchSize)
            {
                await wakeup.WaitAsync(MessageWakeup.Inbox(consumer.Name), _options.PollingInterval, stoppingToken);
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

        var done = 0;
        try
        {
            foreach (var message in batch)
            {
                if (time.GetUtcNow() + _options.DeliveryTimeout >= leaseEnds)
                {
                    break; // The rest could outlive the lease: give them back rather than race whoever takes them next.
                }

                await ConsumeAsync(consumer, message, lease, stoppingToken);
                done++;
            }
        }
        finally
        {
            if (done < batch.Count)
            {
                await ReleaseAsync(consumer, lease);
            }
        }

        return batch.Count;
    }

    private async Task ConsumeAsync(IIntegrationEventConsumer consumer, InboxMessage message, Guid lease, CancellationToken stoppingToken)
    {
        using var correlation = CorrelationContext.Use(message.CorrelationId);
        using var activity = CooTracing.Messaging.StartWithStoredParent(
            $"consume {message.EventName} by {CooTracing.ConsumerName(consumer.Name)}", ActivityKind.Consumer, message.TraceParent, message.TraceState);
        activity?.SetTag("messaging.system", "coo-outbox");
        activity?.SetTag("messaging.consumer.name", consumer.Name);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        activity?.SetTag("messaging.message.delivery_attempt", message.Attempts + 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.DeliveryTimeout);
        try
        {
            var integrationEvent = (IIntegrationEvent)IntegrationEventSerializer.Deserialize(consumer.EventType, message.Content);
            await HandleAsync(consumer, message, integrationEvent, lease, timeout.Token);
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
            LogConsumerFailed(ex, message.MessageId, consumer.Name);
            metrics.ConsumerFailed(consumer.Name);

            // Content that cannot be read will not become readable by retrying.
            await RecordFailureAsync(consumer, message, lease, ex, permanent: ex is JsonException);
        }
    }

    private async Task HandleAsync(IIntegrationEventConsumer consumer, InboxMessage message, IIntegrationEvent integrationEvent, Guid lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(consumer.ContextType);
        var afterCommit = scope.ServiceProvider.GetRequiredService<AfterCommitActions>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await consumer.HandleAsync(scope.ServiceProvider, integrationEvent, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var now = time.GetUtcNow();
            var marked = await db.InboxMessages
                .Where(m => m.MessageId == message.MessageId && m.Consumer == consumer.Name && m.ClaimedBy == lease)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.ClaimedBy, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                    cancellationToken);
            if (marked == 0)
            {
                throw new InvalidOperationException($"The lease on message {message.MessageId} for {consumer.Name} ran out and was taken over; its change is rolled back.");
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        // Committed: what follows (cache updates) must not be skipped because the delivery timed out or the host is stopping.
        await afterCommit.RunAsync(CancellationToken.None);
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
        }
    }

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
