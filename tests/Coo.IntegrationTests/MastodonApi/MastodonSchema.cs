using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Json.Schema;

namespace Coo.IntegrationTests.MastodonApi;

/// <summary>
/// The community description of Mastodon's entities (<c>Schema/</c>: abraham/mastodon-openapi's
/// <c>dist/schema.json</c>, see its README there), to check Coo's answers against Mastodon's shapes, formats included.
/// </summary>
internal static class MastodonSchema
{
    private static readonly Uri Base = new("https://coo.invalid/mastodon-openapi/schemas.json");

    private static readonly BuildOptions Build = LoadAll();

    private static readonly ConcurrentDictionary<string, JsonSchema> Entities = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Fails with every place <paramref name="instance"/> departs from the entity <paramref name="entity"/> (e.g. <c>Status</c>).</summary>
    public static void AssertIs(string entity, JsonElement instance)
    {
        var results = Entities.GetOrAdd(entity, Reference).Evaluate(instance, Evaluation);
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))
            .ToList();
        Assert.True(results.IsValid, $"not a Mastodon {entity}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}{Environment.NewLine}{instance}");
    }

    /// <summary>Fails unless <paramref name="response"/> is <paramref name="status"/> with a Mastodon <c>Error</c> in JSON, as clients parse it.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        AssertIs("Error", JsonDocument.Parse(body).RootElement);
    }

    public static void AssertAreAll(string entity, JsonElement array)
    {
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        foreach (var item in array.EnumerateArray())
        {
            AssertIs(entity, item);
        }
    }

    private static JsonSchema Reference(string entity)
    {
        using var reference = JsonDocument.Parse($$"""{"$ref": "{{Base}}#/$defs/{{entity}}"}""");
        return JsonSchema.Build(reference.RootElement.Clone(), Build, new Uri($"https://coo.invalid/check/{entity}"));
    }

    private static BuildOptions LoadAll()
    {
        using var stream = typeof(MastodonSchema).Assembly.GetManifestResourceStream("mastodon-entities.schema.json")!;
        var document = JsonDocument.Parse(stream);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 };
        JsonSchema.Build(document.RootElement, options, Base);
        return options;
    }
}
