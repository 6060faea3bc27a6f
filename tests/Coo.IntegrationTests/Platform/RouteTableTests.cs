using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Platform;

/// <summary>
/// Modules, compositions and API adapters all map into one route table, the Mastodon-compatible API beside Coo's own
/// under <c>/api/v1</c>: two endpoints on one method and route would make routing refuse the request as ambiguous, or
/// hide one behind the other.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RouteTableTests(ApiFixture fixture)
{
    private const string AnyMethod = "*";

    [Fact]
    public async Task No_two_endpoints_share_an_http_method_and_route_pattern()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: Route(e), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [AnyMethod], e.DisplayName));

        var clashes = new List<string>();
        foreach (var route in endpoints.GroupBy(e => e.Route))
        {
            foreach (var method in route.SelectMany(e => e.Methods).Distinct())
            {
                var answering = route.Where(e => e.Methods.Contains(method) || e.Methods.Contains(AnyMethod)).Select(e => e.DisplayName).ToList();
                if (answering.Count > 1)
                {
                    clashes.Add($"{method} {route.Key}: {string.Join("; ", answering)}");
                }
            }
        }

        Assert.True(clashes.Count == 0, string.Join(Environment.NewLine, clashes));
    }

    /// <summary>
    /// The route as routing tells it apart: literals in any case, parameters by their constraints rather than their
    /// names, and the content encoding, which alone separates a static file from its compressed copy.
    /// </summary>
    private static string Route(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content.ToUpperInvariant(),
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter =>
                $"{{{(parameter.IsCatchAll ? "*" : "")}{string.Concat(parameter.ParameterPolicies.Select(p => ":" + p.Content))}{(parameter.IsOptional ? "?" : "")}}}",
            _ => throw new InvalidOperationException($"Unknown route part {part.GetType().Name}"),
        })));
        return $"/{string.Join('/', segments)} {endpoint.Metadata.GetMetadata<ContentEncodingMetadata>()?.Value}".TrimEnd();
    }
}
