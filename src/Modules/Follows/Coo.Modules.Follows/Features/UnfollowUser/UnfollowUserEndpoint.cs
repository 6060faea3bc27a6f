using Coo.Modules.Users.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Follows.Features.UnfollowUser;

internal static class UnfollowUserEndpoint
{
    public static void Map(IEndpointRouteBuilder user) => user
        .MapDelete("/follow", async Task<Results<NoContent, ProblemHttpResult>> (
            string username, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var followee = await sender.Send(new GetUserByUsername(username), cancellationToken);
            if (followee is null)
            {
                return UserErrors.NotFound.ToProblem(http);
            }

            var result = await sender.Send(new Contracts.UnfollowUser(http.User.GetUserId(), followee.Id), cancellationToken);
            return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem(http);
        })
        .WithName("UnfollowUser")
        .WithSummary("Unfollow a user (idempotent)")
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteFollows)
        .RequireRateLimiting(FollowsRateLimits.Following);
}
