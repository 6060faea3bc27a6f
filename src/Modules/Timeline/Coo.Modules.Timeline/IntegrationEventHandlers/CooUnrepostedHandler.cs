using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>
/// An undone repost leaves every timeline it put its coo on: the coo stays where another repost by someone the owner
/// follows puts it, and is taken off otherwise (and its owners' open streams told so). The undo is remembered so that a
/// late or redelivered repost event cannot bring it back.
/// </summary>
internal sealed class CooUnrepostedHandler(TimelineDbContext db, TimelineStore timelines, TimelineCacheSync cacheSync, ISender sender, TimeProvider time)
    : IIntegrationEventHandler<CooUnrepostedIntegrationEvent>
{
    public async Task HandleAsync(CooUnrepostedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var (repostId, cooId, reposterId) = (integrationEvent.RepostId, integrationEvent.CooId, integrationEvent.UserId);

        // Waits for the repost's own event if it is being applied, so that what it adds is removed below; for a follow
        // or unfollow of the coo's author (or of whom it answers), and for the undo of another repost of the coo: each
        // places the coo by the reposts it reads, so two at once could each place it by a repost the other removed.
        var coo = (await sender.Send(new GetCooRefs([cooId]), cancellationToken)).SingleOrDefault();
        await timelines.LockAuthorsAsync(
            [reposterId, integrationEvent.CooAuthorId, .. coo?.InReplyToAuthorId is { } repliedTo ? [repliedTo] : Array.Empty<long>()], exclusive: true, cancellationToken);
        if (!await db.UndoneReposts.AnyAsync(u => u.RepostId == repostId, cancellationToken))
        {
            db.UndoneReposts.Add(new UndoneRepost(repostId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await db.Reposts.Where(r => r.RepostId == repostId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return; // Never applied, or undone already.
        }

        var owners = await timelines.ReplaceAsync("e.coo_id = {0} AND e.reposted_by_id = {1}", [cooId, reposterId], cancellationToken);

        // Where the coo left the timeline it is announced as gone; where another repost keeps it lower down, the
        // timeline shows that on its next read.
        var stillShown = await db.Entries.Where(e => e.CooId == cooId && owners.Contains(e.OwnerId)).Select(e => e.OwnerId).ToListAsync(cancellationToken);
        cacheSync.RepostRemoved(cooId, [.. owners.Except(stillShown)]);
        cacheSync.Reshaped(stillShown);
    }
}
