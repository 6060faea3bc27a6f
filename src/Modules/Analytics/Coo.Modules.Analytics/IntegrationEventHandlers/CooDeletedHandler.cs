using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A coo deleted by its author, who was active.</summary>
internal sealed class CooDeletedHandler(AnalyticsCounters counters) : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync(Metrics.CoosDeleted, integrationEvent.OccurredAt, integrationEvent.AuthorId, 1, cancellationToken);
}
