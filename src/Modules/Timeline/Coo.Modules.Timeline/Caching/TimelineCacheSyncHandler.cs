using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.Caching;

/// <summary>Applies a committed timeline change to the cached copies; throws until Redis confirms, so it is retried until then.</summary>
internal sealed class TimelineCacheSyncHandler(ITimelineCache cache, IUserEventLog live, IOptions<TimelineOptions> options, TimeProvider time)
    : IIntegrationEventHandler<TimelineCacheChanged>
{
    public async Task HandleAsync(TimelineCacheChanged integrationEvent, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - integrationEvent.OccurredAt > options.Value.CacheTimeToLive)
        {
            return; // Every copy that could have missed it has expired since.
        }

        if (!await ApplyAsync(cache, live, integrationEvent, cancellationToken))
        {
            throw new InvalidOperationException(
                $"The timeline cache did not confirm {integrationEvent.Change} of coo {integrationEvent.CooId}; retrying until it does.");
        }
    }

    /// <summary>
    /// Whether the cache confirmed the change. The owners' open streams hear of an added, reposted or removed coo once the cache
    /// has it, so that what a stream announces is also what a read of the timeline shows.
    /// </summary>
    public static async Task<bool> ApplyAsync(ITimelineCache cache, IUserEventLog live, TimelineCacheChanged change, CancellationToken cancellationToken)
    {
        var (cooId, owners) = (change.CooId, change.OwnerIds);
        var applied = change.Change switch
        {
            TimelineCacheChange.CooAdded => await cache.AddAsync([new AddedCoo(cooId, [.. owners])], cancellationToken),
            TimelineCacheChange.CooRemoved => await cache.RemoveAsync(cooId, owners, cancellationToken),
            _ => await cache.ForgetAsync(owners, cancellationToken),
        };
        (UserEventKind Kind, long Subject)? announced = change.Change switch
        {
            TimelineCacheChange.CooAdded => (UserEventKind.HomeCooAdded, cooId),
            TimelineCacheChange.CooRemoved => (UserEventKind.HomeCooRemoved, cooId),
            TimelineCacheChange.RepostAdded => (UserEventKind.HomeRepostAdded, change.RepostId),
            TimelineCacheChange.RepostRemoved => (UserEventKind.HomeCooRemoved, cooId),
            _ => null,
        };
        if (applied && announced is { } userEvent)
        {
            await live.AppendAsync(owners, userEvent.Kind, userEvent.Subject, cancellationToken);
        }

        return applied;
    }
}
