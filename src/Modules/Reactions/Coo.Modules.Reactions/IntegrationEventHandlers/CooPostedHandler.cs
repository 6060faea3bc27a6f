using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.PublicApi;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Persistence;

namespace Coo.Modules.Reactions.IntegrationEventHandlers;

/// <summary>
/// A reply raises its parent's replies count in the replier's share, once however often its event is delivered, so
/// that no read counts replies and a busy thread spreads over the shares instead of queueing on one row.
/// </summary>
internal sealed class CooPostedHandler(ReactionsDbContext db, ReactionReadCache cache, AfterCommitActions afterCommit)
    : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    /// <summary>Only a reply reaches this queue.</summary>
    public static bool Wants(CooPostedIntegrationEvent integrationEvent) => integrationEvent.InReplyToId is not null;

    public async Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        if (integrationEvent.InReplyToId is not { } parentId
            || !await ReactionStore.TryAddReplyAsync(db, parentId, integrationEvent.CooId, deleted: false, cancellationToken))
        {
            return;
        }

        await ReactionStore.AdjustRepliesCountAsync(db, parentId, integrationEvent.AuthorId, +1, cancellationToken);

        // After the commit: forgotten earlier, a read in between could cache the old count again.
        afterCommit.Add(_ => cache.ForgetCountsAsync(parentId));
    }
}
