using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Reactions.Contracts;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A like; the user who liked was active.</summary>
internal sealed class CooLikedHandler(AnalyticsCounters counters) : CountingHandler<CooLikedIntegrationEvent>(counters)
{
    protected override Occurrence Count(CooLikedIntegrationEvent integrationEvent) =>
        new(Metrics.Likes, integrationEvent.OccurredAt, integrationEvent.UserId);
}
