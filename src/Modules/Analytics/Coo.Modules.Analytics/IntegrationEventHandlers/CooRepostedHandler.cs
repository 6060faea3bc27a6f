using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A repost; the user who reposted was active.</summary>
internal sealed class CooRepostedHandler(AnalyticsCounters counters) : IIntegrationEventHandler<CooRepostedIntegrationEvent>
{
    public Task HandleAsync(CooRepostedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync(Metrics.Reposts, integrationEvent.OccurredAt, integrationEvent.UserId, 1, cancellationToken);
}
