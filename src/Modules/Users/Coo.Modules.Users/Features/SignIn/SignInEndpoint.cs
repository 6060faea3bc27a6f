using Coo.Modules.Users.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.SignIn;

internal static class SignInEndpoint
{
    public static void Map(IEndpointRouteBuilder auth) => auth
        .MapPost("/token", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (
            SignIn command, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var result = await sender.Send(command, cancellationToken);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem(http);
        })
        .WithName("SignIn")
        .WithSummary("Exchange a username (or e-mail) and password for an access token and a refresh token")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.SignIn);
}
