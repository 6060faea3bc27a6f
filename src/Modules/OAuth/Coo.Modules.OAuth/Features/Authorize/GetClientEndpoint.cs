using System.Text.Json;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;

namespace Coo.Modules.OAuth.Features.Authorize;

/// <summary>The application a consent page asks about, by the client id in its address: what the user is told it is.</summary>
internal static class GetClientEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/oauth/clients/{clientId}", async (string clientId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken) =>
        {
            var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
            if (application is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No application has this client id");
            }

            var properties = await applications.GetPropertiesAsync(application, cancellationToken);
            var website = properties.TryGetValue("website", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return Results.Ok(new OAuthClient(await applications.GetDisplayNameAsync(application, cancellationToken) ?? clientId, website));
        })
        .WithName("GetOAuthClient")
        .WithTags("OAuth")
        .WithSummary("The name and website of the application a client id belongs to, for the consent page")
        .RequireRateLimiting(RateLimitPolicies.Reads)
        .Produces<OAuthClient>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .AllowAnonymous();
}

/// <summary>An OAuth client application as its registration named it.</summary>
internal sealed record OAuthClient(string Name, string? Website);
