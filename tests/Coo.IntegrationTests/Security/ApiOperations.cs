using System.Text.Json;
using Coo.Host.Compositions.MastodonApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Security;

/// <summary>One operation of the API as its published description names it, e.g. <c>GET /api/v1/users/{username}</c>.</summary>
public sealed record ApiOperation(string Method, string Path, JsonElement Description)
{
    public string Key => $"{Method} {Path}";

    public override string ToString() => Key;
}

/// <summary>
/// The operations the host serves, read from its own OpenAPI document, so that a test over "every endpoint" covers
/// an endpoint added tomorrow without anyone listing it.
/// </summary>
public static class ApiOperations
{
    public static async Task<(JsonElement Document, List<ApiOperation> Operations)> DiscoverAsync(HttpClient client)
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, operation.Value));
            }
        }

        return (document, operations);
    }

    /// <summary>
    /// Every API route the host has mapped (method and path without route constraints), to prove that the document
    /// hides none: an endpoint left out of the description would also escape every test built on it. The
    /// Mastodon-compatible API is left out: Mastodon's documentation describes it, and its own tests cover it.
    /// </summary>
    public static IEnumerable<string> MappedApiRoutes(CooApiFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()?.Tags.Contains(MastodonApiEndpoints.Tag) != true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {WithoutConstraints(e.RoutePattern.RawText!)}"));

    private static string WithoutConstraints(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route.TrimEnd('/'), @"\{([^}:]+)(:[^}]*)?\}", "{$1}");
}
