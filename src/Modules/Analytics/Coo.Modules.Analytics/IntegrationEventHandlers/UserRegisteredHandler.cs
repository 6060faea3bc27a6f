using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Users.Contracts;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A new user, who is also active in the hour and day of registering.</summary>
internal sealed class UserRegisteredHandler(AnalyticsCounters counters) : CountingHandler<UserRegisteredIntegrationEvent>(counters)
{
    protected override Occurrence Count(UserRegisteredIntegrationEvent integrationEvent) =>
        new(Metrics.NewUsers, integrationEvent.OccurredAt, integrationEvent.UserId);
}
