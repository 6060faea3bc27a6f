using System.Text.Json;

namespace Coo.Shared.Infrastructure.Messaging;

internal static class IntegrationEventSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static object Deserialize(string typeName, string content)
    {
        var type = System.Type.GetType(typeName, throwOnError: false)
            ?? throw new InvalidOperationException($"Unknown integration event type '{typeName}'.");
        return JsonSerializer.Deserialize(content, type, Options)
            ?? throw new InvalidOperationException($"Integration event '{typeName}' has empty content.");
    }
}
