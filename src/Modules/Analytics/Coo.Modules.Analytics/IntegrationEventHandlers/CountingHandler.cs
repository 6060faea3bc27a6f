using Coo.Modules.Analytics.Data;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Kernel;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>
/// Counts each event as one occurrence of a metric (<see cref="Count"/>); an inbox batch of them is counted in one
/// round trip, not a few per event.
/// </summary>
internal abstract class CountingHandler<TEvent>(AnalyticsCounters counters) : IIntegrationEventBatchHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    public Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync([Count(integrationEvent)], cancellationToken);

    public Task HandleAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken) =>
        counters.RecordAsync([.. integrationEvents.Select(Count)], cancellationToken);

    protected abstract Occurrence Count(TEvent integrationEvent);
}
