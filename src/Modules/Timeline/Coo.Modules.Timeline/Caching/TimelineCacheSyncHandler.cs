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

        var (cooId, owners) = (integrationEvent.CooId, integrationEvent.OwnerIds);
        var applied = integrationEvent.Change switch
        {
            TimelineCacheChange.CooAdded => await cache.AddAsync(cooId, owners, cancellationToken),
            TimelineCacheChange.CooRemoved => await cache.RemoveAsync(cooId, owners, cancellationToken),
            _ => await ForgetAllAsync(owners, cancellationToken),
        };
        if (!applied)
        {
            throw new InvalidOperationException($"The timeline cache did not confirm {integrationEvent.Change} of coo {cooId}; retrying until it does.");
        }
    }

    private async Task<bool> ForgetAllAsync(long[] owners, CancellationToken cancellationToken)
    {
        foreach (var owner in owners)
        {
            if (!await cache.ForgetAsync(owner, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }
}
