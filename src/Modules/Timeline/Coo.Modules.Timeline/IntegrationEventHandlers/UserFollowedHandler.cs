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

/// <summary>Records the follow and merges the followee's recent coos into the follower's timeline.</summary>
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
        var recent = await sender.Send(new GetCooRefsByAuthors([followee], BeforeId: null, mergeCount), cancellationToken);
        await timelines.AddEntriesAsync(follower, recent, cancellationToken);
        if (TimelineHorizon.AfterMerge([.. recent.Select(c => c.Id)], mergeCount) is { } horizon)
        {
            await timelines.RaiseHorizonAsync(follower, horizon, cancellationToken);
        }

        cacheSync.Forgotten(follower);
    }
}
