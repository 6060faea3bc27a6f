namespace Coo.Modules.Analytics.Domain;

/// <summary>
/// A client event as it arrived, kept for <c>Analytics:RawEventRetention</c> so that its details (properties) can be
/// looked into for a while; its counts are already in the aggregates, so deleting it loses no statistics.
/// </summary>
internal sealed class RawClientEvent(long id, string name, DateTime occurredAt, DateTime receivedAt, long? userId, string? properties)
{
    public long Id { get; private set; } = id;

    public string Name { get; private set; } = name;

    public DateTime OccurredAt { get; private set; } = occurredAt;

    public DateTime ReceivedAt { get; private set; } = receivedAt;

    /// <summary>Null for an anonymous client, whose events count in totals but never as an active user.</summary>
    public long? UserId { get; private set; } = userId;

    /// <summary>The client's properties as a JSON object, or null.</summary>
    public string? Properties { get; private set; } = properties;
}
