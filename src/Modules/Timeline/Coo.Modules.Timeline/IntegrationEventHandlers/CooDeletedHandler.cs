using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Domain;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>A deleted coo leaves every timeline, reposted or not, and is remembered so that no late event brings it back.</summary>
internal sealed class CooDeletedHandler(
    TimelineDbContext db,
    TimelineStore timelines,
    TimelineCacheSync cacheSync,
    TimeProvider time) : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public async Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        // Waits for any fan-out or merge of this author's coos in flight, so that their entries are committed
        // and visible to the removal below, or see the tombstone and add nothing.
        await timelines.LockAuthorAsync(integrationEvent.AuthorId, exclusive: true, cancellationToken);
        var cooId = integrationEvent.CooId;
        if (!await db.DeletedCoos.AnyAsync(d => d.CooId == cooId, cancellationToken))
        {
            db.DeletedCoos.Add(new DeletedCoo(cooId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        var entries = db.Entries.Where(e => e.CooId == cooId);
        var owners = await entries.Select(e => new { e.OwnerId, Reposted = e.RepostedById != null }).ToListAsync(cancellationToken);
        await entries.ExecuteDeleteAsync(cancellationToken);
        await db.Reposts.Where(r => r.CooId == cooId).ExecuteDeleteAsync(cancellationToken);
        cacheSync.CooRemoved(cooId, [.. owners.Where(o => !o.Reposted).Select(o => o.OwnerId)]);
        cacheSync.RepostRemoved(cooId, [.. owners.Where(o => o.Reposted).Select(o => o.OwnerId)]);
    }
}
