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
/// A repost goes onto the reposter's timeline and their followers' (a large reposter's followers merge it when they
/// read), except where the coo is there in its own right; a coo reposted again moves up to its newest repost.
/// </summary>
internal sealed class CooRepostedHandler(
    TimelineDbContext db, TimelineStore timelines, TimelineCacheSync cacheSync, LargeAuthors largeAuthors, ISender sender)
    : IIntegrationEventHandler<CooRepostedIntegrationEvent>
{
    public async Task HandleAsync(CooRepostedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        if ((await sender.Send(new GetCooRefs([integrationEvent.CooId]), cancellationToken)).SingleOrDefault() is not { } coo)
        {
            return; // Deleted: its delete takes every entry of it.
        }

        // Taken before reading what undoes a repost: the coo's delete and the repost's undo hold these locks exclusively,
        // so they either ran before (and are seen below) or wait and then remove what this adds.
        await timelines.LockAuthorsAsync(
            [integrationEvent.UserId, coo.AuthorId, .. coo.InReplyToAuthorId is { } repliedTo ? [repliedTo] : Array.Empty<long>()], exclusive: false, cancellationToken);
        var repostId = integrationEvent.RepostId;
        if (await db.UndoneReposts.AnyAsync(u => u.RepostId == repostId, cancellationToken)
            || await db.DeletedCoos.AnyAsync(d => d.CooId == coo.Id, cancellationToken))
        {
            return;
        }

        var repost = new Repost(repostId, coo.Id, integrationEvent.UserId, coo.AuthorId, coo.InReplyToAuthorId);
        if (!await db.Reposts.AnyAsync(r => r.RepostId == repostId, cancellationToken))
        {
            db.Reposts.Add(repost);
            await db.SaveChangesAsync(cancellationToken);
        }

        var large = await largeAuthors.SkippingFanOutAsync([integrationEvent.UserId], cancellationToken);
        cacheSync.RepostAdded(coo.Id, repostId, await timelines.AddRepostAsync(repost, toFollowers: large.Count == 0, cancellationToken));
    }
}
