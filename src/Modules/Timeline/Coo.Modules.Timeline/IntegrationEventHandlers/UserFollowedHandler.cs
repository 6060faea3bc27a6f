using Coo.Modules.Coos.Contracts;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Messaging;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>
/// Records the follow and merges into the follower's timeline what it now shows: the followee's recent coos (their
/// replies to people the follower follows), recent replies to the followee by people the follower follows, and the
/// followee's recent reposts. Those of the followee's coos that are newer than the follow are announced as new.
/// </summary>
internal sealed class UserFollowedHandler(
    TimelineDbContext db,
    TimelineStore timelines,
    TimelineCacheSync cacheSync,
    LargeAuthors largeAuthors,
    ISender sender,
    IOptions<TimelineOptions> options)
    : IIntegrationEventHandler<UserFollowedIntegrationEvent>
{
    public async Task HandleAsync(UserFollowedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var (followId, follower, followee) = (integrationEvent.FollowId, integrationEvent.FollowerId, integrationEvent.FolloweeId);
        await timelines.LockFollowChangeAsync(follower, followee, cancellationToken);
        var edge = db.FollowEdges.Where(e => e.FollowerId == follower && e.FolloweeId == followee);
        var applied = await edge.Where(e => e.FollowId < followId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.FollowId, followId).SetProperty(x => x.IsActive, true), cancellationToken);
        if (applied == 0)
        {
            if (await edge.AnyAsync(cancellationToken))
            {
                return; // This follow, or a later follow or unfollow of the pair, was applied already.
            }

            db.FollowEdges.Add(new FollowEdge(follower, followee, followId, isActive: true));
            await db.SaveChangesAsync(cancellationToken);
        }

        await largeAuthors.RecordFollowerCountAsync(followee, cancellationToken);
        var mergeCount = options.Value.FollowMergeCount;
        var followed = await db.FollowEdges.Where(e => e.FollowerId == follower && e.IsActive).Select(e => e.FolloweeId).ToListAsync(cancellationToken);
        var theirs = await sender.Send(new GetCooRefsByAuthors([followee], BeforeId: null, mergeCount, new HomeReader(follower, followed)), cancellationToken);
        var repliesToThem = await sender.Send(new GetRepliesToAuthor(followee, followed, mergeCount), cancellationToken);
        await timelines.AddEntriesAsync(follower, [.. theirs.UnionBy(repliesToThem, c => c.Id)], cancellationToken);

        // What reached the follower as a repost and is now theirs in its own right, older than the merge too.
        await timelines.ReplaceAsync(
            "e.owner_id = {0} AND e.reposted_by_id IS NOT NULL AND (e.author_id = {1} OR e.in_reply_to_author_id = {1})", [follower, followee], cancellationToken);
        var theirReposts = await db.Reposts.Where(r => r.ReposterId == followee)
            .OrderByDescending(r => r.RepostId).Take(mergeCount).Select(r => r.RepostId).ToListAsync(cancellationToken);
        if (theirReposts.Count > 0)
        {
            await timelines.MergeRepostsAsync(follower, followee, theirReposts[^1], cancellationToken);
        }

        long?[] horizons =
        [
            TimelineHorizon.AfterMerge([.. theirs.Select(c => c.Id)], mergeCount),
            TimelineHorizon.AfterMerge([.. repliesToThem.Select(c => c.Id)], mergeCount),
            TimelineHorizon.AfterMerge(theirReposts, mergeCount),
        ];
        if (horizons.Max() is { } horizon)
        {
            await timelines.RaiseHorizonAsync(follower, horizon, cancellationToken);
        }

        cacheSync.Forgotten(follower);

        // Coos posted since the follow would have come by fan-out had the follow been here first: the follower's
        // stream hears of them as it would have (the earlier ones fill the timeline quietly).
        cacheSync.CoosAdded(theirs.Where(c => c.Id > followId).Select(c => new AddedCoo(c.Id, [follower])));
    }
}
