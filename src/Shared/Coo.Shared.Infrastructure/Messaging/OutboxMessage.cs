using System.Text.Json;
using Coo.Shared.Kernel;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// An integration event waiting to be relayed to its consumers' inboxes, written in the same transaction as the
/// change that raised it. The relay leases rows (<see cref="ClaimedBy"/> until <see cref="ClaimedUntil"/>) in a short
/// transaction and works outside it, so a host that dies mid-batch gives its rows back when the lease expires.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Real tracestates are short; a longer one is dropped (the trace still continues through the traceparent).</summary>
    internal const int MaxTraceStateLength = 512;

    internal const int MaxErrorLength = 2000;

    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The stable wire name (<c>coos.coo-posted.v1</c>), never a CLR type name.</summary>
    public string EventName { get; private set; } = "";

    public string Content { get; private set; } = "";

    /// <summary>When the event occurred, made an order for the queues (<see cref="QueueOrderTime"/>).</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    public string? CorrelationId { get; private set; }

    /// <summary>W3C <c>traceparent</c> of the span that raised the event: its delivery continues that trace.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>W3C <c>tracestate</c> that came with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>The lease of the relay working on this row, if any.</summary>
    public Guid? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>Set once every subscribed consumer's inbox holds the event.</summary>
    public DateTimeOffset? RelayedAt { get; private set; }

    /// <summary>Set when relaying failed too often (or the name is unknown); the row then waits for an operator.</summary>
    public DateTimeOffset? ParkedAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>
    /// The finest time step every database keeps: SQLite stores times in EF Core's binary form, in steps of 1000 ticks.
    /// </summary>
    internal const long QueueOrderStepTicks = 1000;

    /// <summary>
    /// When an event occurred, as its row records it: queues are worked in that order, so it is whole steps that every
    /// database keeps (<see cref="QueueOrderStepTicks"/>) and later than the event published before it by the same context.
    /// Events published together, such as those of a batch handled at once, are then handled in the order they were
    /// published even when the clock did not move between them; a tie would leave their order to the database's sort.
    /// </summary>
    internal static DateTimeOffset QueueOrderTime(DateTimeOffset occurredAt, DateTimeOffset after)
    {
        var wholeSteps = occurredAt.AddTicks(-(occurredAt.Ticks % QueueOrderStepTicks));
        return wholeSteps > after ? wholeSteps : after.AddTicks(QueueOrderStepTicks);
    }

    internal static OutboxMessage From(IIntegrationEvent integrationEvent, DateTimeOffset queueOrderTime, string? correlationId, (string? Parent, string? State) trace)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = integrationEvent.Id,
            EventName = IntegrationEventNames.Of(type),
            Content = JsonSerializer.Serialize(integrationEvent, type, IntegrationEventSerializer.Options),
            OccurredAt = queueOrderTime,
            NextAttemptAt = integrationEvent.OccurredAt,
            CorrelationId = correlationId,
            TraceParent = trace.Parent,
            TraceState = trace.State is { Length: <= MaxTraceStateLength } ? trace.State : null,
        };
    }

    internal static string Truncate(string error) => error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
}
