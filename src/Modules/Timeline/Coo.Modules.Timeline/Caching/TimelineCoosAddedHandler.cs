using Coo.Shared.Infrastructure.Live;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.Caching;

/// <summary>Adds committed coos to the cached timelines; throws until Redis confirms them all, so it is retried until then.</summary>
internal sealed class TimelineCoosAddedHandler(ITimelineCache cache, IUserEventLog live, IOptions<TimelineOptions> options, TimeProvider time)
    : IIntegrationEventHandler<TimelineCoosAdded>
{
    public async Task HandleAsync(TimelineCoosAdded integrationEvent, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - integrationEvent.OccurredAt > options.Value.CacheTimeToLive)
        {
            return; // Every copy that could have missed it has expired since.
        }

        if (!await ApplyAsync(cache, live, integrationEvent, cancellationToken))
        {
            throw new InvalidOperationException(
                $"The timeline cache did not confirm {integrationEvent.Coos.Length} added coos; retrying until it does.");
        }
    }

    /// <summary>
    /// Whether the cache confirmed every coo. The owners' open streams hear of the coos only once the cache has them all,
    /// so that what a stream announces is also what a read of the timeline shows, and a retry announces nothing twice.
    /// </summary>
    public static async Task<bool> ApplyAsync(ITimelineCache cache, IUserEventLog live, TimelineCoosAdded added, CancellationToken cancellationToken)
    {
        if (!await cache.AddAsync(added.Coos, cancellationToken))
        {
            return false;
        }

        // Issued in the coos' order, and sent together rather than one round trip after another.
        await Task.WhenAll(added.Coos.Select(coo => live.AppendAsync(coo.OwnerIds, UserEventKind.HomeCooAdded, coo.CooId, cancellationToken)));
        return true;
    }
}
