using System.Text.Json;

namespace Coo.Shared.Infrastructure.Messaging;

internal static class IntegrationEventSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static object Deserialize(Type eventType, string content) =>
        JsonSerializer.Deserialize(content, eventType, Options)
        ?? throw new JsonException($"Integration event content for {eventType} is the JSON null, not an event."); // As unreadable as malformed JSON.
}
