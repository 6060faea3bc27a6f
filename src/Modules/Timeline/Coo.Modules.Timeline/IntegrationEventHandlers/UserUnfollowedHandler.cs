using Coo.Modules.Follows.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>
/// Records the unfollow and takes off the follower's timeline the former followee's coos and others' replies to them
/// (the follower's own replies stay).
/// </summary>
internal sealed class UserUnfollowedHandler(TimelineDbContext db, TimelineStore timelines, TimelineCacheSync cacheSync)
    : IIntegrationEventHandler<UserUnfollowedIntegrationEvent>
{
    public async Task HandleAsync(UserUnfollowedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var (followId, follower, followee) = (integrationEvent.FollowId, integrationEvent.FollowerId, integrationEvent.FolloweeId);

        // A fan-out of a reply to the followee reads this edge unlocked: the author lock makes it finish first.
        await timelines.LockAuthorAsync(followee, exclusive: true, cancellationToken);
        var edge = db.FollowEdges.Where(e => e.FollowerId == follower && e.FolloweeId == followee);

        // Updating the edge first takes its row lock, so a fan-out that read it as active finishes before the
        // entries are removed below, and its entries are removed too.
        var applied = await edge.Where(e => e.FollowId <= followId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.FollowId, followId).SetProperty(x => x.IsActive, false), cancellationToken);
        if (applied == 0)
        {
            if (await edge.AnyAsync(cancellationToken))
            {
                return; // A later follow of the pair was applied already.
            }

            // The unfollow overtook its follow: remember it, so that the late follow is recognised as stale.
            db.FollowEdges.Add(new FollowEdge(follower, followee, followId, isActive: false));
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await db.Entries
            .Where(e => e.OwnerId == follower && (e.AuthorId == followee || (e.InReplyToAuthorId == followee && e.AuthorId != follower)))
            .ExecuteDeleteAsync(cancellationToken);
        cacheSync.Forgotten(follower);
    }
}
