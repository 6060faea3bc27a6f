using Coo.Shared.Kernel;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// A module's reaction to an event, run from the module's own queue. It changes only its own module's DbContext:
/// the inbox step commits its change together with the mark that the message was processed, in one transaction.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
