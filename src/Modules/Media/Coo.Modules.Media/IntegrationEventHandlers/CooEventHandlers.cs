using Coo.Modules.Coos.Contracts;
using Coo.Modules.Media.Data;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.IntegrationEventHandlers;

/// <summary>The coo that claimed uploads was posted: they are its for good, and the cleanup leaves them alone.</summary>
internal sealed class CooPostedHandler(MediaDbContext db) : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    /// <summary>Only a coo with uploads reaches this queue (or one whose event predates the list: it may have some).</summary>
    public static bool Wants(CooPostedIntegrationEvent integrationEvent) => integrationEvent.MediaIds is not { Count: 0 };

    public Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        db.Items.Where(m => m.CooId == integrationEvent.CooId && !m.Confirmed)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Confirmed, true), cancellationToken);
}

/// <summary>
/// A deleted coo's uploads go with it, in the inbox step's transaction; their files go with the sweep, unless another
/// upload of the same picture still names them.
/// </summary>
internal sealed class CooDeletedHandler(MediaDbContext db, TimeProvider time) : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        db.DeleteUploadsAsync(m => m.CooId == integrationEvent.CooId, time.GetUtcNow(), cancellationToken);
}
