namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>
/// One event waiting for one consumer, in the consumer module's own schema: the consumer's durable queue. Its key
/// (message id, consumer) makes a second relay of the same event a no-op, and the row stays after processing as the
/// proof that the consumer had its effect, for at least as long as the message could be relayed or requeued again.
/// </summary>
public sealed class InboxMessage
{
    private InboxMessage()
    {
    }

    public Guid MessageId { get; private set; }

    public string Consumer { get; private set; } = "";

    public string EventName { get; private set; } = "";

    public string Content { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset EnqueuedAt { get; private set; }

    public string? CorrelationId { get; private set; }

    /// <summary>The relay's span, so that the consumer's span continues the trace of the request.</summary>
    public string? TraceParent { get; private set; }

    public string? TraceState { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public Guid? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>Set in the same transaction as the consumer's change.</summary>
    public DateTimeOffset? ProcessedAt { get; private set; }

    public DateTimeOffset? ParkedAt { get; private set; }

    public string? LastError { get; private set; }

    internal static InboxMessage For(OutboxMessage message, string consumer, DateTimeOffset now, string? traceParent, string? traceState) => new()
    {
        MessageId = message.Id,
        Consumer = consumer,
        EventName = message.EventName,
        Content = message.Content,
        OccurredAt = message.OccurredAt,
        EnqueuedAt = now,
        CorrelationId = message.CorrelationId,
        TraceParent = traceParent ?? message.TraceParent,
        TraceState = traceParent is null ? message.TraceState : traceState,
        NextAttemptAt = now,
    };
}
