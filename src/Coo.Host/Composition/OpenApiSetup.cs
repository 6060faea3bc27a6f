using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Coo.Host.Composition;

/// <summary>
/// The published API description (<c>/openapi/v1.json</c>), which clients generate code from, so it must say what the
/// API does: which operations need a bearer token, and every problem status an operation can answer. Both are derived
/// from each endpoint's own metadata (authorization, body, route parameters, rate limiting), so a new endpoint is
/// described correctly without anyone remembering to.
/// </summary>
internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    private const string ProblemContentType = "application/problem+json";

    public static IServiceCollection AddCooOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // Ids travel as strings (Int64AsStringConverter), so JavaScript keeps every digit.
            if (context.JsonTypeInfo.Type == typeof(long))
            {
                schema.Type = JsonSchemaType.String;
                schema.Format = "int64";
            }

            // A property left out of the JSON under some condition (JsonIgnore WhenWritingNull, …) is not always there.
            if (schema.Required is { Count: > 0 } required)
            {
                foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.ShouldSerialize is not null || IsConditionallyIgnored(p)))
                {
                    required.Remove(property.Name);
                }
            }

            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = JwtBearerDefaults.AuthenticationScheme.ToLowerInvariant(),
                BearerFormat = "JWT",
                Description = "The access token from POST /api/v1/auth/token or /api/v1/auth/refresh.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (RequiresSignIn(context.Description.ActionDescriptor.EndpointMetadata))
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            }

            return Task.CompletedTask;
        });
    });

    /// <summary>
    /// Adds, to every endpoint of <paramref name="builder"/>, the problem responses that the pipeline in front of it
    /// can answer: 401 (and 403 for a policy) where a sign-in is required, 400/413/415 where a JSON body is read, 404
    /// where a route value names something, 429 where a rate limit applies. Statuses that only the handler knows
    /// (409, 422, …) the endpoint declares itself with <c>ProducesProblem</c>.
    /// </summary>
    public static TBuilder DescribePipelineProblems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var metadata = endpoint.Metadata;
            var described = metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            void Describe(int status)
            {
                if (described.Add(status))
                {
                    metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemContentType]));
                }
            }

            if (RequiresSignIn(metadata))
            {
                Describe(StatusCodes.Status401Unauthorized);
                if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
                {
                    Describe(StatusCodes.Status403Forbidden);
                }
            }

            if (metadata.OfType<IAcceptsMetadata>().Any())
            {
                Describe(StatusCodes.Status400BadRequest);
                Describe(StatusCodes.Status413PayloadTooLarge);
                Describe(StatusCodes.Status415UnsupportedMediaType);
            }

            if (endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
            {
                Describe(StatusCodes.Status404NotFound);
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                Describe(StatusCodes.Status429TooManyRequests);
            }
        });
        return builder;
    }

    private static bool IsConditionallyIgnored(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().Any(a => a.Condition is not JsonIgnoreCondition.Never) == true;

    private static bool RequiresSignIn(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
}
