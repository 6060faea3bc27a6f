using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Follows.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>An unfollow; the follower was active.</summary>
internal sealed class UserUnfollowedHandler(AnalyticsCounters counters) : IIntegrationEventHandler<UserUnfollowedIntegrationEvent>
{
    public Task HandleAsync(UserUnfollowedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync(Metrics.Unfollows, integrationEvent.OccurredAt, integrationEvent.FollowerId, 1, cancellationToken);
}
