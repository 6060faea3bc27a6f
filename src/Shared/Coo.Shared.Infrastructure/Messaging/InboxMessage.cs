namespace Coo.Shared.Infrastructure.Messaging;

/// <summary>Proof that <see cref="Consumer"/> has handled message <see cref="MessageId"/>; its key makes redelivery a no-op.</summary>
public sealed class InboxMessage(Guid messageId, string consumer, DateTimeOffset processedAt)
{
    public Guid MessageId { get; private set; } = messageId;

    public string Consumer { get; private set; } = consumer;

    public DateTimeOffset ProcessedAt { get; private set; } = processedAt;
}
