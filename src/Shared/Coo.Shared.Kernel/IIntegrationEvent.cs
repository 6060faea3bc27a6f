namespace Coo.Shared.Kernel;

/// <summary>
/// A fact one module publishes for others. Delivered at least once through the publisher's outbox;
/// consumers deduplicate by <see cref="Id"/>.
/// </summary>
public interface IIntegrationEvent
{
    Guid Id { get; }

    DateTimeOffset OccurredAt { get; }
}
