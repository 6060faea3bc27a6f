using Coo.Modules.Follows.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>
/// Records the unfollow and takes off the follower's timeline what only the followee put there: their coos, others'
/// replies to them (the follower's own stay) and their reposts. A coo that someone else the follower follows reposted
/// stays, at that repost.
/// </summary>
internal sealed class UserUnfollowedHandler(TimelineDbContext db, TimelineStore timelines, TimelineCacheSync cacheSync)
    : IIntegrationEventHandler<UserUnfollowedIntegrationEvent>
{
    public async Task HandleAsync(UserUnfollowedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var (followId, follower, followee) = (integrationEvent.FollowId, integrationEvent.FollowerId, integrationEvent.FolloweeId);

        // A fan-out of a reply to the followee reads this edge unlocked: the author lock makes it finish first.
        await timelines.LockFollowChangeAsync(follower, followee, cancellationToken);
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

        await timelines.ReplaceAsync(
            "e.owner_id = {0} AND (e.author_id = {1} OR e.in_reply_to_author_id = {1} OR e.reposted_by_id = {1})", [follower, followee], cancellationToken);
        await timelines.PlaceRepostsAfterUnfollowAsync(follower, followee, await timelines.HorizonAsync(follower, cancellationToken), cancellationToken);
        cacheSync.Forgotten(follower);
    }
}
