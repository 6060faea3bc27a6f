using Coo.Shared.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.Caching;

/// <summary>Applies a committed timeline change to the cached copies; throws until Redis confirms, so it is retried until then.</summary>
internal sealed class TimelineCacheSyncHandler(ITimelineCache cache, IOptions<TimelineOptions> options, TimeProvider time)
    : IIntegrationEventHandler<TimelineCacheChanged>
{
    public async Task HandleAsync(TimelineCacheChanged integrationEvent, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - integrationEvent.OccurredAt > options.Value.CacheTimeToLive)
        {
            return; // Every copy that could have missed it has expired since.
        }

        if (!await ApplyAsync(cache, integrationEvent, cancellationToken))
        {
            throw new InvalidOperationException(
                $"The timeline cache did not confirm {integrationEvent.Change} of coo {integrationEvent.CooId}; retrying until it does.");
        }
    }

    /// <summary>Whether the cache confirmed the change.</summary>
    public static async Task<bool> ApplyAsync(ITimelineCache cache, TimelineCacheChanged change, CancellationToken cancellationToken)
    {
        var (cooId, owners) = (change.CooId, change.OwnerIds);
        return change.Change switch
        {
            TimelineCacheChange.CooAdded => await cache.AddAsync(cooId, owners, cancellationToken),
            TimelineCacheChange.CooRemoved => await cache.RemoveAsync(cooId, owners, cancellationToken),
            _ => await cache.ForgetAsync(owners, cancellationToken),
        };
    }
}
