using System.Text.Json;
using Coo.Shared.Kernel;

namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>An integration event waiting for delivery, written in the same transaction as the change that raised it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Real tracestates are short; a longer one is dropped (the trace still continues through the traceparent).</summary>
    internal const int MaxTraceStateLength = 512;

    private OutboxMessage()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Assembly-qualified name of the event's contract type (without version), used to deserialize it.</summary>
    public string Type { get; private set; } = "";

    public string Content { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public string? CorrelationId { get; private set; }

    /// <summary>W3C <c>traceparent</c> of the span that raised the event: its delivery continues that trace.</summary>
    public string? TraceParent { get; private set; }

    /// <summary>W3C <c>tracestate</c> that came with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Set when delivery failed too often; the row then waits for an operator.</summary>
    public DateTimeOffset? ParkedAt { get; private set; }

    public string? LastError { get; private set; }

    internal static OutboxMessage From(IIntegrationEvent integrationEvent, string? correlationId, (string? Parent, string? State) trace)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = integrationEvent.Id,
            Type = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Content = JsonSerializer.Serialize(integrationEvent, type, IntegrationEventSerializer.Options),
            OccurredAt = integrationEvent.OccurredAt,
            NextAttemptAt = integrationEvent.OccurredAt,
            CorrelationId = correlationId,
            TraceParent = trace.Parent,
            TraceState = trace.State is { Length: <= MaxTraceStateLength } ? trace.State : null,
        };
    }

    internal void MarkProcessed(DateTimeOffset now)
    {
        Attempts++;
        ProcessedAt = now;
        LastError = null;
    }

    /// <returns>True when this failure parked the message.</returns>
    internal bool RecordFailure(string error, DateTimeOffset now, OutboxOptions options)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (Attempts >= options.MaxAttempts)
        {
            ParkedAt = now;
            return true;
        }

        NextAttemptAt = now + options.RetryDelay(Attempts);
        return false;
    }
}
