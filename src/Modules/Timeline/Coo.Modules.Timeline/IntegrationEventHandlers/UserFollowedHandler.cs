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
/// replies to people the follower follows) and recent replies to the followee by people the follower follows.
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
        await timelines.LockAuthorAsync(followee, exclusive: true, cancellationToken);
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
        long?[] horizons = [TimelineHorizon.AfterMerge([.. theirs.Select(c => c.Id)], mergeCount), TimelineHorizon.AfterMerge([.. repliesToThem.Select(c => c.Id)], mergeCount)];
        if (horizons.Max() is { } horizon)
        {
            await timelines.RaiseHorizonAsync(follower, horizon, cancellationToken);
        }

        cacheSync.Forgotten(follower);
    }
}
