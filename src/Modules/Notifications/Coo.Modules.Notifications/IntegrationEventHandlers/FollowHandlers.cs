using Coo.Modules.Follows.Contracts;
using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Data;
using Coo.Modules.Notifications.Domain;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Notifications.IntegrationEventHandlers;

/// <summary>"Ada followed you".</summary>
internal sealed class UserFollowedHandler(NotificationStore notifications) : IIntegrationEventHandler<UserFollowedIntegrationEvent>
{
    public Task HandleAsync(UserFollowedIntegrationEvent e, CancellationToken cancellationToken) =>
        notifications.AddAsync(NotificationKind.Follow, e.FollowId, e.FolloweeId, e.FollowerId, cooId: null, e.OccurredAt, cancellationToken);
}

/// <summary>An unfollow takes its follow's notification back.</summary>
internal sealed class UserUnfollowedHandler(NotificationStore notifications) : IIntegrationEventHandler<UserUnfollowedIntegrationEvent>
{
    public Task HandleAsync(UserUnfollowedIntegrationEvent e, CancellationToken cancellationToken) =>
        notifications.UndoAsync(NotificationKind.Follow, e.FollowId, e.FolloweeId, e.FollowerId, cooId: null, e.OccurredAt, cancellationToken);
}
