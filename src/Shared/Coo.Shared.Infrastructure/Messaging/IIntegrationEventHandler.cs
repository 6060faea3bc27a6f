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

/// <summary>
/// A handler that also takes many events at once, for work a set-based statement does for all of them in the round
/// trips one event would cost. Under load the inbox step hands it what it claimed together, in one transaction; a
/// batch that fails is rolled back and its events are handled one at a time, so a failing event only fails itself.
/// </summary>
public interface IIntegrationEventBatchHandler<in TEvent> : IIntegrationEventHandler<TEvent>
    where TEvent : IIntegrationEvent
{
    Task HandleAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken);
}
