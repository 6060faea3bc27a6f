using Coo.Modules.Analytics.Data;
using Coo.Modules.Analytics.Domain;
using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Analytics.IntegrationEventHandlers;

/// <summary>A new user, who is also active in the hour and day of registering.</summary>
internal sealed class UserRegisteredHandler(AnalyticsCounters counters) : IIntegrationEventHandler<UserRegisteredIntegrationEvent>
{
    public Task HandleAsync(UserRegisteredIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        counters.RecordAsync(Metrics.NewUsers, integrationEvent.OccurredAt, integrationEvent.UserId, 1, cancellationToken);
}
