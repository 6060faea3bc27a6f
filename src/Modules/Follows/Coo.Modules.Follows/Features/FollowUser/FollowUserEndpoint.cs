using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Follows.Features.FollowUser;

internal static class FollowUserEndpoint
{
    public static void Map(IEndpointRouteBuilder user) => user
        .MapPut("/follow", async Task<Results<NoContent, ProblemHttpResult>> (
            string username, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var followee = await sender.Send(new GetUserByUsername(username), cancellationToken);
            if (followee is null)
            {
                return UserErrors.NotFound.ToProblem(http);
            }

            var result = await sender.Send(new Contracts.FollowUser(http.User.GetUserId(), followee.Id), cancellationToken);
            return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem(http);
        })
        .WithName("FollowUser")
        .WithSummary("Follow a user (idempotent)")
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteFollows)
        .RequireRateLimiting(FollowsRateLimits.Following);
}
