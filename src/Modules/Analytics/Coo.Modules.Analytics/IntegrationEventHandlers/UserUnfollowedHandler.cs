using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Follows.Contracts;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>An unfollow; the follower was active.</summary>
internal sealed class UserUnfollowedHandler(AnalyticsCounters counters) : CountingHandler<UserUnfollowedIntegrationEvent>(counters)
{
    protected override Occurrence Count(UserUnfollowedIntegrationEvent integrationEvent) =>
        new(Metrics.Unfollows, integrationEvent.OccurredAt, integrationEvent.FollowerId);
}
