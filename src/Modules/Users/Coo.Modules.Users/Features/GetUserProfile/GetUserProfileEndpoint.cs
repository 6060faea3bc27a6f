using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.GetUserProfile;

internal static class GetUserProfileEndpoint
{
    public static void Map(IEndpointRouteBuilder users) => users
        .MapGet("/{username}", async Task<Results<Ok<UserProfileResponse>, ProblemHttpResult>> (
            string username, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var result = await sender.Send(new GetUserProfile(username), cancellationToken);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem(http);
        })
        .WithName("GetUserProfile")
        .WithSummary("A user's public profile")
        .AllowAnonymous();
}
