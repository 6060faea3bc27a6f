using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Follows.Contracts;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A follow; the follower was active (the followee did nothing).</summary>
internal sealed class UserFollowedHandler(AnalyticsCounters counters) : CountingHandler<UserFollowedIntegrationEvent>(counters)
{
    protected override Occurrence Count(UserFollowedIntegrationEvent integrationEvent) =>
        new(Metrics.Follows, integrationEvent.OccurredAt, integrationEvent.FollowerId);
}
