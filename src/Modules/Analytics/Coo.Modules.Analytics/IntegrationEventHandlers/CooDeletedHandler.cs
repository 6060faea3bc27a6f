using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Coos.Contracts;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A coo deleted by its author, who was active.</summary>
internal sealed class CooDeletedHandler(AnalyticsCounters counters) : CountingHandler<CooDeletedIntegrationEvent>(counters)
{
    protected override Occurrence Count(CooDeletedIntegrationEvent integrationEvent) =>
        new(Metrics.CoosDeleted, integrationEvent.OccurredAt, integrationEvent.AuthorId);
}
