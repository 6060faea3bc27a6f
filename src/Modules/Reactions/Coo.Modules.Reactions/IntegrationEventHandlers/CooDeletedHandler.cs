using Coo.Modules.Coos.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.IntegrationEventHandlers;

/// <summary>A deleted coo takes its likes, reposts and counts with it (Timeline drops its reposts from timelines itself).</summary>
internal sealed class CooDeletedHandler(ReactionsDbContext db) : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public async Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        await db.Reactions.Where(r => r.CooId == integrationEvent.CooId).ExecuteDeleteAsync(cancellationToken);
        await db.CountShares.Where(s => s.CooId == integrationEvent.CooId).ExecuteDeleteAsync(cancellationToken);
    }
}
