using Coo.Modules.Coos.Contracts;
using Coo.Modules.Notifications.Contracts;
using Coo.Modules.Notifications.Data;
using Coo.Modules.Notifications.Domain;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Notifications.IntegrationEventHandlers;

/// <summary>
/// "Ada replied to you" for the author a reply answers, and "Ada mentioned you" for everyone else the coo mentions: one
/// notification per person, so a reply that also names the person it answers is a reply, not a mention too.
/// </summary>
internal sealed class CooPostedHandler(NotificationStore notifications) : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    /// <summary>Only a reply, or a coo that mentions someone, reaches this queue.</summary>
    public static bool Wants(CooPostedIntegrationEvent e) => e.InReplyToAuthorId is not null || e.MentionedUserIds is { Count: > 0 };

    public async Task HandleAsync(CooPostedIntegrationEvent e, CancellationToken cancellationToken)
    {
        if (e.InReplyToAuthorId is { } repliedTo)
        {
            await notifications.AddAsync(NotificationKind.Reply, e.CooId, repliedTo, e.AuthorId, e.CooId, e.OccurredAt, cancellationToken);
        }

        foreach (var mentioned in (e.MentionedUserIds ?? []).Where(id => id != e.InReplyToAuthorId))
        {
            await notifications.AddAsync(NotificationKind.Mention, e.CooId, mentioned, e.AuthorId, e.CooId, e.OccurredAt, cancellationToken);
        }
    }
}

internal sealed class CooDeletedHandler(NotificationStore notifications, TimeProvider time) : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public Task HandleAsync(CooDeletedIntegrationEvent e, CancellationToken cancellationToken) =>
        notifications.RemoveCooAsync(e.CooId, time.GetUtcNow(), cancellationToken);
}
