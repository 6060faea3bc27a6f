using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Data;
using Coo.Modules.Notifications.Domain;
using Coo.Modules.Reactions.Contracts;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Notifications.IntegrationEventHandlers;

/// <summary>"Ada liked your coo".</summary>
internal sealed class CooLikedHandler(NotificationStore notifications) : IIntegrationEventHandler<CooLikedIntegrationEvent>
{
    public Task HandleAsync(CooLikedIntegrationEvent e, CancellationToken cancellationToken) =>
        notifications.AddAsync(NotificationKind.Like, e.LikeId, e.CooAuthorId, e.UserId, e.CooId, e.OccurredAt, cancellationToken);
}

internal sealed class CooUnlikedHandler(NotificationStore notifications) : IIntegrationEventHandler<CooUnlikedIntegrationEvent>
{
    public Task HandleAsync(CooUnlikedIntegrationEvent e, CancellationToken cancellationToken) =>
        notifications.UndoAsync(NotificationKind.Like, e.LikeId, e.CooAuthorId, e.UserId, e.CooId, e.OccurredAt, cancellationToken);
}

/// <summary>"Ada reposted your coo".</summary>
internal sealed class CooRepostedHandler(NotificationStore notifications) : IIntegrationEventHandler<CooRepostedIntegrationEvent>
{
    public Task HandleAsync(CooRepostedIntegrationEvent e, CancellationToken cancellationToken) =>
        notifications.AddAsync(NotificationKind.Repost, e.RepostId, e.CooAuthorId, e.UserId, e.CooId, e.OccurredAt, cancellationToken);
}

internal sealed class CooUnrepostedHandler(NotificationStore notifications) : IIntegrationEventHandler<CooUnrepostedIntegrationEvent>
{
    public Task HandleAsync(CooUnrepostedIntegrationEvent e, CancellationToken cancellationToken) =>
        notifications.UndoAsync(NotificationKind.Repost, e.RepostId, e.CooAuthorId, e.UserId, e.CooId, e.OccurredAt, cancellationToken);
}
