using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.PublicApi;
using Coo.Shared.Infrastructure.Messaging;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.IntegrationEventHandlers;

/// <summary>
/// A deleted coo takes its likes, reposts and counts with it (Timeline drops its reposts from timelines itself); a
/// deleted reply is taken back from its parent's replies count, once however often its event is delivered.
/// </summary>
internal sealed class CooDeletedHandler(ReactionsDbContext db, ReactionReadCache cache, AfterCommitActions afterCommit)
    : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public async Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        await db.Reactions.Where(r => r.CooId == integrationEvent.CooId).ExecuteDeleteAsync(cancellationToken);
        await db.CountShares.Where(s => s.CooId == integrationEvent.CooId).ExecuteDeleteAsync(cancellationToken);

        // Its replies' rows go with its counts, so that deleting one of them later takes nothing back from a count that is gone.
        await db.Replies.Where(r => r.ParentCooId == integrationEvent.CooId).ExecuteDeleteAsync(cancellationToken);
        if (integrationEvent.InReplyToId is { } parentId && await TakeBackReplyAsync(parentId, integrationEvent.CooId, cancellationToken))
        {
            await ReactionStore.AdjustRepliesCountAsync(db, parentId, integrationEvent.AuthorId, -1, cancellationToken);
            afterCommit.Add(_ => cache.ForgetCountsAsync(parentId));
        }
    }

    /// <summary>Whether the reply was counted and this call took it back.</summary>
    private async Task<bool> TakeBackReplyAsync(long parentId, long replyId, CancellationToken cancellationToken)
    {
        if (await ReactionStore.TryMarkReplyDeletedAsync(db, parentId, replyId, cancellationToken))
        {
            return true;
        }

        // Its post not counted yet (events out of order): the row recorded as deleted keeps that late post from counting.
        if (await ReactionStore.TryAddReplyAsync(db, parentId, replyId, deleted: true, cancellationToken))
        {
            return false;
        }

        // A concurrent consumer counted the post in between.
        return await ReactionStore.TryMarkReplyDeletedAsync(db, parentId, replyId, cancellationToken);
    }
}
