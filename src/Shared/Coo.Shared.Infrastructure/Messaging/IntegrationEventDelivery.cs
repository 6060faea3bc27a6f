using System.Diagnostics;
using Coo.Shared.Infrastructure.Observability;
using Coo.Shared.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// Hands one outbox message to every consumer of its type, each in its own scope and transaction.
/// In-process today; a broker would take this place when a module moves out.
/// </summary>
public sealed partial class IntegrationEventDelivery(
    IEnumerable<IIntegrationEventConsumer> consumers,
    IServiceScopeFactory scopes,
    CooMetrics metrics,
    ILogger<IntegrationEventDelivery> logger)
{
    private readonly IIntegrationEventConsumer[] _consumers = [.. consumers];

    /// <summary>Delivers to all consumers; throws if any failed, after the others have run (they are not re-run later).</summary>
    public async Task DeliverAsync(Guid messageId, string type, string content, CancellationToken cancellationToken)
    {
        var integrationEvent = (IIntegrationEvent)IntegrationEventSerializer.Deserialize(type, content);
        var eventName = CooTracing.EventName(type);
        List<Exception>? failures = null;
        foreach (var consumer in _consumers.Where(c => c.EventType.IsInstanceOfType(integrationEvent)))
        {
            using var activity = CooTracing.Messaging.StartActivity(
                $"consume {eventName} by {CooTracing.ConsumerName(consumer.Name)}", ActivityKind.Consumer);
            activity?.SetTag("messaging.consumer.name", consumer.Name);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (!await consumer.ConsumeAsync(scope.ServiceProvider, messageId, integrationEvent, cancellationToken))
                {
                    LogDuplicate(messageId, consumer.Name);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                activity.RecordFailure(ex);
                LogConsumerFailed(ex, messageId, consumer.Name);
                metrics.ConsumerFailed(consumer.Name);
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException($"{failures.Count} consumer(s) failed for message {messageId}.", failures);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Message {MessageId} was already consumed by {Consumer}; skipped")]
    private partial void LogDuplicate(Guid messageId, string consumer);

    [LoggerMessage(LogLevel.Warning, "Consumer {Consumer} failed on message {MessageId}")]
    private partial void LogConsumerFailed(Exception exception, Guid messageId, string consumer);
}
