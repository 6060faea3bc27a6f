using Coo.Shared.Infrastructure.Persistence;
using Coo.Shared.Kernel;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>One subscription: a handler of one module for one event name, with its own queue in that module's inbox.</summary>
public interface IIntegrationEventConsumer
{
    /// <summary>Stable name of the queue, part of the inbox key: the handler's full type name.</summary>
    string Name { get; }

    string EventName { get; }

    /// <summary>The type this consumer reads the content into; any type with the same event name reads the same rows.</summary>
    Type EventType { get; }

    /// <summary>The consumer module's DbContext: its inbox holds the queue, and the handler's change commits with it.</summary>
    Type ContextType { get; }

    /// <summary>
    /// Never parked: retried every few seconds at most until it succeeds. For keeping caches in step, where giving up
    /// would leave a stale copy, and where success needs nothing but the cache to answer again.
    /// </summary>
    bool RetriesUntilDone { get; }

    /// <summary>Only feeds reports, which may fall a moment behind: its queue claims by <see cref="OutboxOptions.ReportingClaimInterval"/> while busy.</summary>
    bool FeedsReports { get; }

    /// <summary>Whether the handler declared which events it has work for (<see cref="Wants"/>).</summary>
    bool Filters { get; }

    /// <summary>
    /// Whether the handler has work for this event. The relay reads the event and leaves out of the inbox what the
    /// handler would only mark as processed, so a queue pays for the events it acts on, not for every event of the name.
    /// </summary>
    bool Wants(IIntegrationEvent integrationEvent);

    /// <summary>Runs the handler in the caller's scope and transaction; it does not commit.</summary>
    Task HandleAsync(IServiceProvider scopedServices, IIntegrationEvent integrationEvent, CancellationToken cancellationToken);

    /// <summary>Whether the handler also takes many events at once (<see cref="IIntegrationEventBatchHandler{TEvent}"/>).</summary>
    bool HandlesBatches { get; }

    /// <summary>Runs the batch handler in the caller's scope and transaction; it does not commit.</summary>
    Task HandleBatchAsync(IServiceProvider scopedServices, IReadOnlyList<IIntegrationEvent> integrationEvents, CancellationToken cancellationToken);
}

internal sealed class IntegrationEventConsumer<TEvent, THandler, TContext>(bool retriesUntilDone, bool feedsReports, Func<TEvent, bool>? wants) : IIntegrationEventConsumer
    where TEvent : IIntegrationEvent
    where THandler : IIntegrationEventHandler<TEvent>
    where TContext : ModuleDbContext
{
    public string Name { get; } = typeof(THandler).FullName!;

    public string EventName { get; } = IntegrationEventNames.Of(typeof(TEvent));

    public Type EventType => typeof(TEvent);

    public Type ContextType => typeof(TContext);

    public bool RetriesUntilDone => retriesUntilDone;

    public bool FeedsReports => feedsReports;

    public bool Filters => wants is not null;

    public bool Wants(IIntegrationEvent integrationEvent) => wants is null || wants((TEvent)integrationEvent);

    public Task HandleAsync(IServiceProvider scopedServices, IIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        scopedServices.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, cancellationToken);

    public bool HandlesBatches { get; } = typeof(IIntegrationEventBatchHandler<TEvent>).IsAssignableFrom(typeof(THandler));

    public Task HandleBatchAsync(IServiceProvider scopedServices, IReadOnlyList<IIntegrationEvent> integrationEvents, CancellationToken cancellationToken) =>
        ((IIntegrationEventBatchHandler<TEvent>)scopedServices.GetRequiredService<THandler>())
            .HandleAsync([.. integrationEvents.Cast<TEvent>()], cancellationToken);
}

/// <summary>The subscribers of each event name, for the relays.</summary>
internal sealed class IntegrationEventSubscriptions(IEnumerable<IIntegrationEventConsumer> consumers)
{
    private readonly ILookup<string, IIntegrationEventConsumer> _byEvent = consumers.ToLookup(c => c.EventName, StringComparer.Ordinal);

    public IEnumerable<IIntegrationEventConsumer> Of(string eventName) => _byEvent[eventName];
}
