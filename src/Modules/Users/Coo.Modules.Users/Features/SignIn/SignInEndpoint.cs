using Coo.Modules.Users.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.SignIn;

/// <param name="UseCookie">The web client's choice: the refresh token goes into an HttpOnly cookie instead of the JSON.</param>
internal sealed record SignInRequest(string Username, string Password, bool UseCookie = false);

internal static class SignInEndpoint
{
    public static void Map(IEndpointRouteBuilder auth) => auth
        .MapPost("/token", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (
            SignInRequest request, ISender sender, RefreshTokenCookie cookie, HttpContext http, CancellationToken cancellationToken) =>
        {
            RefreshTokenCookie.ForbidCaching(http.Response);
            var result = await sender.Send(new SignIn(request.Username, request.Password), cancellationToken);
            if (!result.IsSuccess)
            {
                return result.Error!.ToProblem(http);
            }

            return TypedResults.Ok(request.UseCookie ? cookie.MoveIntoCookie(http.Response, result.Value) : result.Value);
        })
        .WithName("SignIn")
        .WithSummary("Exchange a username (or e-mail) and password for an access token and a refresh token (in the JSON, or with useCookie in an HttpOnly cookie)")
        .WithDescription(
            "With `useCookie: true` (web client) the refresh token is not in the JSON but in the HttpOnly cookie " +
            $"`{RefreshTokenCookie.Name}` (SameSite=Strict, Path={RefreshTokenCookie.Path}).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.SignIn);
}
