using Coo.Modules.Coos.Contracts;
using Coo.Modules.Tags.Data;
using Coo.Modules.Tags.Domain;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.IntegrationEventHandlers;

/// <summary>
/// A posted coo joins the list of each of its tags, and its author counts once toward each tag's trend for as long as
/// they used it within the window.
/// </summary>
internal sealed class CooPostedHandler(TagsDbContext db) : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    /// <summary>Only a coo with tags reaches this queue.</summary>
    public static bool Wants(CooPostedIntegrationEvent integrationEvent) => integrationEvent.Tags is { Count: > 0 };

    public async Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var tags = integrationEvent.Tags ?? [];
        if (tags.Count == 0)
        {
            return;
        }

        var uses = await db.Uses.Where(u => u.UserId == integrationEvent.AuthorId && tags.Contains(u.Tag)).ToDictionaryAsync(u => u.Tag, cancellationToken);
        foreach (var tag in tags)
        {
            db.TaggedCoos.Add(new TaggedCoo(tag, integrationEvent.CooId, integrationEvent.AuthorId));
            if (uses.TryGetValue(tag, out var use))
            {
                use.UsedAgainAt(integrationEvent.OccurredAt);
            }
            else
            {
                db.Uses.Add(new TagUse(tag, integrationEvent.AuthorId, integrationEvent.OccurredAt));
                await TagTrendStore.AdjustAsync(db, tag, +1, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
