using Coo.Modules.Users.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.SignOut;

internal static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder auth) => auth
        .MapPost("/logout", async Task<NoContent> (
            SignOut command, ISender sender, RefreshTokenCookie cookie, HttpContext http, CancellationToken cancellationToken) =>
        {
            RefreshTokenCookie.ForbidCaching(http.Response);

            // A token in the body is the JSON flow of mobile clients; only without one is the web client's cookie used.
            var cookieToken = string.IsNullOrEmpty(command.RefreshToken) ? RefreshTokenCookie.Read(http.Request) : null;
            await sender.Send(cookieToken is null ? command : new SignOut(cookieToken), cancellationToken);
            if (cookieToken is not null)
            {
                cookie.Delete(http.Response);
            }

            return TypedResults.NoContent();
        })
        .WithName("SignOut")
        .WithSummary("Revoke the session a refresh token (from the body, or else the cookie) belongs to")
        .WithDescription($"Send `{{\"refreshToken\": …}}`, or `{{}}` with the `{RefreshTokenCookie.Name}` cookie, which is then deleted.")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.Sessions);
}
