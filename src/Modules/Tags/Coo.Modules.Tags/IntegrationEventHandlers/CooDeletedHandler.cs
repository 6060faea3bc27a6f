using Coo.Modules.Coos.Contracts;
using Coo.Modules.Tags.Data;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.IntegrationEventHandlers;

/// <summary>A deleted coo leaves its tags' lists. Its author still used the tags, so the trends keep counting them.</summary>
internal sealed class CooDeletedHandler(TagsDbContext db) : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        db.TaggedCoos.Where(t => t.CooId == integrationEvent.CooId).ExecuteDeleteAsync(cancellationToken);
}
