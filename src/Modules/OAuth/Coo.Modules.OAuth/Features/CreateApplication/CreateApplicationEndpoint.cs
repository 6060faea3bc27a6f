using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.OAuth.Features.CreateApplication;

internal static class CreateApplicationEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api
        .MapPost("/apps", async (HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        {
            var request = await CreateApplicationRequest.ReadAsync(http.Request, cancellationToken);
            var (command, error) = request?.Validate() ?? (null, "Validation failed: the body must be a form or a JSON object");
            if (command is null)
            {
                return Results.Json(new MastodonError(error!), statusCode: StatusCodes.Status422UnprocessableEntity);
            }

            return Results.Json(await sender.Send(command, cancellationToken));
        })
        .WithName("CreateApplication")
        .WithSummary("Register a client application (Mastodon's \"Create an application\"): its OAuth client id and secret")
        .WithDescription(
            "A form, multipart form or JSON object with `client_name`, `redirect_uris` (newline-separated, or a list; " +
            $"`{CreateApplicationRequest.OutOfBandRedirectUri}` for clients that show the code), `scopes` (space-separated, " +
            "default `read`) and `website`. Errors are Mastodon's `{\"error\": \"...\"}`, not problem details.")
        .Accepts<CreateApplicationBody>("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
        .Produces<MastodonApplication>()
        .Produces<MastodonError>(StatusCodes.Status422UnprocessableEntity)
        .AllowAnonymous()
        .AnswersMastodonErrors()
        .RequireRateLimiting(OAuthRateLimits.RegisteringApps);
}

/// <summary>The body's fields, for the API description only (the endpoint reads forms and JSON alike itself).</summary>
internal sealed record CreateApplicationBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("client_name")] string ClientName,
    [property: System.Text.Json.Serialization.JsonPropertyName("redirect_uris")] string RedirectUris,
    [property: System.Text.Json.Serialization.JsonPropertyName("scopes")] string? Scopes = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("website")] string? Website = null);
