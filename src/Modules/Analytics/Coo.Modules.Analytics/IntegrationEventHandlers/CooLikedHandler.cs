using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A like; the user who liked was active.</summary>
internal sealed class CooLikedHandler(AnalyticsCounters counters) : IIntegrationEventHandler<CooLikedIntegrationEvent>
{
    public Task HandleAsync(CooLikedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync(Metrics.Likes, integrationEvent.OccurredAt, integrationEvent.UserId, 1, cancellationToken);
}
