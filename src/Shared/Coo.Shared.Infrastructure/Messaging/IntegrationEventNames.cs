using System.Collections.Concurrent;
using System.Reflection;
using Coo.Shared.Kernel;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>The stable wire name of an event type, from its <see cref="IntegrationEventAttribute"/>.</summary>
public static class IntegrationEventNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(Type eventType) => Names.GetOrAdd(eventType, static type =>
        type.GetCustomAttribute<IntegrationEventAttribute>()?.Name
        ?? throw new InvalidOperationException($"{type} has no [IntegrationEvent(\"module.event-name.v1\")] name, so it cannot be published."));
}

/// <summary>Every event name this build knows, from the events its modules publish and consume.</summary>
internal sealed class IntegrationEventCatalog(IEnumerable<IntegrationEventRegistration> registrations)
{
    private readonly HashSet<string> _names = new(registrations.Select(r => r.Name), StringComparer.Ordinal);

    public bool Knows(string name) => _names.Contains(name);
}

/// <summary>One event type known under its wire name.</summary>
public sealed record IntegrationEventRegistration(string Name, Type EventType)
{
    public static IntegrationEventRegistration For(Type eventType) => new(IntegrationEventNames.Of(eventType), eventType);
}
