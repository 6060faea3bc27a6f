using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Shared.Infrastructure.Caching;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Coos.Features.DeleteCoo;

/// <summary>
/// The durable half of a delete's cache update: the request writes the tombstone at once, and this consumer of the
/// module's own event writes it again until Redis confirms, so a delete whose write-through was missed (Redis away, the
/// client gone, the instance dead) is never served from the cache for longer than Redis stays unreachable.
/// </summary>
internal sealed class DeletedCooCacheHandler(IEntityCache<CooSummary> cache, EntityCacheOptions<CooSummary> options, TimeProvider time)
    : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public async Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - integrationEvent.OccurredAt > options.TimeToLive)
        {
            return; // Any copy cached before the delete has expired since.
        }

        if (!await cache.RemoveAsync(integrationEvent.CooId, cancellationToken))
        {
            throw new InvalidOperationException($"The coo cache did not confirm the delete of coo {integrationEvent.CooId}; retrying until it does.");
        }
    }
}
