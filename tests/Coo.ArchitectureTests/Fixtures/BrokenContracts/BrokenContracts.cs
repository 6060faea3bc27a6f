using Coo.Shared.Kernel;
using Mediator;

namespace Coo.ArchitectureTests.Fixtures.BrokenContracts;

// A Contracts assembly imitated by one namespace, broken on purpose: the contracts shape and event rules must report
// exactly the types marked "breaks", and nothing else.

/// <summary>Fine: a public sealed record request.</summary>
public sealed record GetGadgets(int Page) : IQuery<IReadOnlyList<GadgetSummary>>;

/// <summary>Fine: a public sealed record response.</summary>
public sealed record GadgetSummary(long Id, string Name);

/// <summary>Fine: a public query interface.</summary>
public interface IGadgetQueries
{
    ValueTask<GadgetSummary?> FindAsync(long id, CancellationToken cancellationToken);
}

/// <summary>Breaks: not public.</summary>
internal sealed record HiddenRequest(long Id);

/// <summary>Breaks: not sealed.</summary>
public record OpenRequest(long Id);

/// <summary>Breaks: a static class is not a contract.</summary>
public static class GadgetRoutes
{
    public const string Prefix = "/gadgets";
}

/// <summary>Fine: an immutable record event; a positional record's properties are init-only.</summary>
[IntegrationEvent("gadgets.gadget-created.v1")]
public sealed record GadgetCreatedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt, long GadgetId) : IIntegrationEvent;

/// <summary>Breaks: an event not named *IntegrationEvent.</summary>
[IntegrationEvent("gadgets.gadget-deleted.v1")]
public sealed record GadgetDeleted(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Breaks: an event with a public setter.</summary>
[IntegrationEvent("gadgets.gadget-renamed.v1")]
public sealed record GadgetRenamedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent
{
    public string Name { get; set; } = "";
}

/// <summary>Breaks: an event with a writable public field.</summary>
[IntegrationEvent("gadgets.gadget-moved.v1")]
public sealed record GadgetMovedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent
{
#pragma warning disable CA1051 // Broken on purpose: a visible, writable field.
    public string Place = "";
#pragma warning restore CA1051
}

/// <summary>Breaks: an event that is a class, not a record (though immutable).</summary>
[IntegrationEvent("gadgets.gadget-sold.v1")]
public sealed class GadgetSoldIntegrationEvent(Guid id, DateTimeOffset occurredAt) : IIntegrationEvent
{
    public Guid Id { get; } = id;

    public DateTimeOffset OccurredAt { get; } = occurredAt;
}

/// <summary>Breaks: an event without a wire name.</summary>
public sealed record GadgetPaintedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Breaks: a wire name that is not module.event-name.vN.</summary>
[IntegrationEvent("Gadget lent")]
public sealed record GadgetLentIntegrationEvent(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Breaks: a wire name another event already has.</summary>
[IntegrationEvent("gadgets.gadget-created.v1")]
public sealed record GadgetReturnedIntegrationEvent(Guid Id, DateTimeOffset OccurredAt) : IIntegrationEvent;
