using Coo.Modules.Coos.Contracts;
using Coo.Modules.Media.Data;
using Coo.Shared.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Media.IntegrationEventHandlers;

/// <summary>The coo that claimed uploads was posted: they are its for good, and the cleanup leaves them alone.</summary>
internal sealed class CooPostedHandler(MediaDbContext db) : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    public Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        db.Items.Where(m => m.CooId == integrationEvent.CooId && !m.Confirmed)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Confirmed, true), cancellationToken);
}

/// <summary>
/// A deleted coo's uploads go with it. Their files stay: named by content, they may serve another upload of the same
/// picture, and browsers and proxies may keep them anyway for the year they were told to.
/// </summary>
internal sealed class CooDeletedHandler(MediaDbContext db) : IIntegrationEventHandler<CooDeletedIntegrationEvent>
{
    public Task HandleAsync(CooDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        db.Items.Where(m => m.CooId == integrationEvent.CooId).ExecuteDeleteAsync(cancellationToken);
}
