using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Follows.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A follow; the follower was active (the followee did nothing).</summary>
internal sealed class UserFollowedHandler(AnalyticsCounters counters) : IIntegrationEventHandler<UserFollowedIntegrationEvent>
{
    public Task HandleAsync(UserFollowedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync(Metrics.Follows, integrationEvent.OccurredAt, integrationEvent.FollowerId, 1, cancellationToken);
}
