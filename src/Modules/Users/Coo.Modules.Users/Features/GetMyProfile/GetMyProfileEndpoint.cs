using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.GetMyProfile;

internal static class GetMyProfileEndpoint
{
    public static void Map(IEndpointRouteBuilder users) => users
        .MapGet("/me", async Task<Results<Ok<MyProfileResponse>, ProblemHttpResult>> (
            ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var result = await sender.Send(new GetMyProfile(http.User.GetUserId()), cancellationToken);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem(http);
        })
        .WithName("GetMyProfile")
        .WithSummary("The signed-in user's own profile")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.ReadAccounts)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
