using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Coos.Contracts;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A coo posted; its author was active.</summary>
internal sealed class CooPostedHandler(AnalyticsCounters counters) : CountingHandler<CooPostedIntegrationEvent>(counters)
{
    protected override Occurrence Count(CooPostedIntegrationEvent integrationEvent) =>
        new(Metrics.CoosPosted, integrationEvent.OccurredAt, integrationEvent.AuthorId);
}
