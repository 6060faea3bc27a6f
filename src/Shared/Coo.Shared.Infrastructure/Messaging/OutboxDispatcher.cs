using System.Diagnostics;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Delivers one module's outbox: woken after each commit, polling as a safety net. On PostgreSQL and SQL Server
/// a batch is claimed with row locks that other instances skip, and held until its outcome is saved;
/// SQLite is single-host, single-writer, so it needs no claim.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    OutboxWakeup wakeup,
    IntegrationEventDelivery delivery,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : ModuleDbContext
{
    private readonly OutboxOptions _options = options.Value;

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
            try
            {
                claimed = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogBatchFailed(ex, schema);
            }

            if (claimed < _options.BatchSize)
            {
                await wakeup.WaitAsync(schema, _options.PollingInterval, stoppingToken);
            }
        }
    }

    /// <returns>How many messages were claimed.</returns>
    internal async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();

        await using var transaction = db.Database.IsSqlite() ? null : await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await ClaimAsync(db, now, cancellationToken);
        foreach (var message in batch)
        {
            await DeliverAsync(db.Schema, message, cancellationToken);
        }

        if (batch.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return batch.Count;
    }

    private async Task DeliverAsync(string schema, OutboxMessage message, CancellationToken cancellationToken)
    {
        using var correlation = CorrelationContext.Use(message.CorrelationId);

        // The delivery continues the trace of the request that raised the event, however much later it runs.
        using var activity = CooTracing.Messaging.StartWithStoredParent(
            $"deliver {CooTracing.EventName(message.Type)}", ActivityKind.Consumer, message.TraceParent, message.TraceState);
        activity?.SetTag("messaging.system", "coo-outbox");
        activity?.SetTag("messaging.destination.name", schema);
        activity?.SetTag("messaging.message.id", message.Id.ToString());
        activity?.SetTag("messaging.message.delivery_attempt", message.Attempts + 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.DeliveryTimeout);
        try
        {
            await delivery.DeliverAsync(message.Id, message.Type, message.Content, timeout.Token);
            message.MarkProcessed(time.GetUtcNow());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            activity.RecordFailure(ex);
            if (message.RecordFailure(ex.ToString(), time.GetUtcNow(), _options))
            {
                LogParked(ex, message.Id, message.Type, schema, message.Attempts);
            }
            else
            {
                LogRetry(message.Id, message.Type, message.Attempts, message.NextAttemptAt);
            }
        }
    }

    private Task<List<OutboxMessage>> ClaimAsync(TContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            return db.OutboxMessages
                .Where(m => m.ProcessedAt == null && m.ParkedAt == null && m.NextAttemptAt <= now)
                .OrderBy(m => m.OccurredAt)
                .Take(_options.BatchSize)
                .ToListAsync(cancellationToken);
        }

        var table = db.DelimitedTableName<OutboxMessage>();
        var sql = db.Database.IsNpgsql()
            ? $$"""
               SELECT * FROM {{table}}
               WHERE processed_at IS NULL AND parked_at IS NULL AND next_attempt_at <= {0}
               ORDER BY occurred_at
               LIMIT {1}
               FOR UPDATE SKIP LOCKED
               """
            : $$"""
               SELECT TOP ({1}) * FROM {{table}} WITH (UPDLOCK, READPAST, ROWLOCK)
               WHERE processed_at IS NULL AND parked_at IS NULL AND next_attempt_at <= {0}
               ORDER BY occurred_at
               """;
#pragma warning disable EF1002 // The only interpolated part is the table name from the model; values are parameters.
        return db.OutboxMessages.FromSqlRaw(sql, now, _options.BatchSize).ToListAsync(cancellationToken);
#pragma warning restore EF1002
    }

    [LoggerMessage(LogLevel.Error, "Outbox dispatch of schema {Schema} failed; retrying after the poll interval")]
    private partial void LogBatchFailed(Exception exception, string schema);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} ({MessageType}) of schema {Schema} parked after {Attempts} attempts; an operator must requeue it")]
    private partial void LogParked(Exception exception, Guid messageId, string messageType, string schema, int attempts);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({MessageType}) failed attempt {Attempts}; next attempt at {NextAttemptAt}")]
    private partial void LogRetry(Guid messageId, string messageType, int attempts, DateTimeOffset nextAttemptAt);
}
