using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Reactions.Contracts;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A repost; the user who reposted was active.</summary>
internal sealed class CooRepostedHandler(AnalyticsCounters counters) : CountingHandler<CooRepostedIntegrationEvent>(counters)
{
    protected override Occurrence Count(CooRepostedIntegrationEvent integrationEvent) =>
        new(Metrics.Reposts, integrationEvent.OccurredAt, integrationEvent.UserId);
}
