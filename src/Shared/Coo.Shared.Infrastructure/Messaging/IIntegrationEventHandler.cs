using Coo.Shared.Kernel;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// A module's reaction to another module's event. It changes only its own module's DbContext and does not save:
/// the inbox step saves its change together with the inbox row, in one transaction.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
