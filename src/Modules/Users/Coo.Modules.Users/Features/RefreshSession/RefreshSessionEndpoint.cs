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
            RefreshSession command, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var result = await sender.Send(command, cancellationToken);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem(http);
        })
        .WithName("RefreshSession")
        .WithSummary("Exchange a refresh token for new tokens; the old refresh token stops working")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.Sessions);
}
