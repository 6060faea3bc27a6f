using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Users.Features.UpdateMyProfile;

internal static class UpdateMyProfileEndpoint
{
    public static void Map(IEndpointRouteBuilder users) => users
        .MapPatch("/me", async Task<Results<Ok<MyProfileResponse>, ProblemHttpResult>> (
            UpdateMyProfileRequest body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            var command = new UpdateMyProfile(http.User.GetUserId(), body.DisplayName, body.Bio);
            var result = await sender.Send(command, cancellationToken);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem(http);
        })
        .WithName("UpdateMyProfile")
        .WithSummary("Change the signed-in user's display name or bio")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteAccounts);
}
