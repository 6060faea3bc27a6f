using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>
/// An undone repost leaves every timeline it put its coo on: the coo stays where another repost by someone the owner
/// follows puts it, and is taken off otherwise. The undo is remembered so that a late or redelivered repost event
/// cannot bring it back.
/// </summary>
internal sealed class CooUnrepostedHandler(TimelineDbContext db, TimelineStore timelines, TimelineCacheSync cacheSync, TimeProvider time)
    : IIntegrationEventHandler<CooUnrepostedIntegrationEvent>
{
    public async Task HandleAsync(CooUnrepostedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var (repostId, cooId, reposterId) = (integrationEvent.RepostId, integrationEvent.CooId, integrationEvent.UserId);

        // Waits for the repost's own event if it is being applied, so that what it adds is removed below.
        await timelines.LockAuthorAsync(reposterId, exclusive: true, cancellationToken);
        if (!await db.UndoneReposts.AnyAsync(u => u.RepostId == repostId, cancellationToken))
        {
            db.UndoneReposts.Add(new UndoneRepost(repostId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await db.Reposts.Where(r => r.RepostId == repostId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return; // Never applied, or undone already.
        }

        cacheSync.Reshaped(await timelines.ReplaceAsync("e.coo_id = {0} AND e.reposted_by_id = {1}", [cooId, reposterId], cancellationToken));
    }
}
