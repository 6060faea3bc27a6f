using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Coos.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A coo posted; its author was active.</summary>
internal sealed class CooPostedHandler(AnalyticsCounters counters) : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    public Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync(Metrics.CoosPosted, integrationEvent.OccurredAt, integrationEvent.AuthorId, 1, cancellationToken);
}
