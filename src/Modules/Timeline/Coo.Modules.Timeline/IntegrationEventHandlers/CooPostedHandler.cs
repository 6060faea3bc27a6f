using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Data;
using Coo.Shared.Infrastructure.Messaging;

namespace Coo.Modules.Timeline.IntegrationEventHandlers;

/// <summary>A new coo goes onto its author's timeline and the timelines of all their followers.</summary>
internal sealed class CooPostedHandler(TimelineStore timelines) : IIntegrationEventHandler<CooPostedIntegrationEvent>
{
    public Task HandleAsync(CooPostedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        timelines.FanOutAsync(integrationEvent.CooId, integrationEvent.AuthorId, cancellationToken);
}
