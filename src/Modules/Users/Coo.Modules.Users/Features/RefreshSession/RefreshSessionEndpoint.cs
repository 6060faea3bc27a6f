using Coo.Modules.Users.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.RefreshSession;

internal static class RefreshSessionEndpoint
{
    public static void Map(IEndpointRouteBuilder auth) => auth
        .MapPost("/refresh", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (
            RefreshSession command, ISender sender, RefreshTokenCookie cookie, HttpContext http, CancellationToken cancellationToken) =>
        {
            RefreshTokenCookie.ForbidCaching(http.Response);

            // A token in the body is the JSON flow of mobile clients; only without one is the web client's cookie used.
            var cookieToken = string.IsNullOrEmpty(command.RefreshToken) ? RefreshTokenCookie.Read(http.Request) : null;
            var result = await sender.Send(cookieToken is null ? command : new RefreshSession(cookieToken), cancellationToken);
            if (!result.IsSuccess)
            {
                if (cookieToken is not null)
                {
                    cookie.Delete(http.Response);
                }

                return result.Error!.ToProblem(http);
            }

            return TypedResults.Ok(cookieToken is null ? result.Value : cookie.MoveIntoCookie(http.Response, result.Value));
        })
        .WithName("RefreshSession")
        .WithSummary("Exchange a refresh token (from the body, or else the cookie) for new tokens; the old refresh token stops working")
        .WithDescription(
            $"Send `{{\"refreshToken\": …}}`, or `{{}}` with the `{RefreshTokenCookie.Name}` cookie: then the new refresh token " +
            "is set in the cookie instead of the JSON, and a refused cookie is deleted.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.Sessions);
}
