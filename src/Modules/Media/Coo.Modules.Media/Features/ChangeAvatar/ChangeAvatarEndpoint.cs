using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Media.Features.ChangeAvatar;

internal static class ChangeAvatarEndpoint
{
    public static void Map(IEndpointRouteBuilder media)
    {
        media.MapPut("/avatar", SetAsync)
            .WithName("SetAvatar")
            .WithSummary("Make an image (form field file) your avatar: its middle square, in a large and a small size")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization()
            .RequireScope(MastodonScopes.WriteAccounts)

            // Bearer tokens only, no cookie: a form posted by another site carries no credentials, so no antiforgery token.
            .DisableAntiforgery()
            .WithBodyLimit(ImageUploads.BodyLimit)
            .RequireRateLimiting(MediaRateLimits.Uploading);

        media.MapDelete("/avatar", RemoveAsync)
            .WithName("RemoveAvatar")
            .WithSummary("Take your avatar away: your generated default shows again")
            .RequireAuthorization()
            .RequireScope(MastodonScopes.WriteAccounts)
            .RequireRateLimiting(MediaRateLimits.Uploading);
    }

    private static async Task<Results<Ok<AvatarResponse>, ProblemHttpResult>> SetAsync(
        [FromForm(Name = "file")] IFormFile? file, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        var content = await ImageUploads.ReadAsync(file, cancellationToken);
        var result = await sender.Send(new SetAvatar(http.User.GetUserId(), content), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem(http);
    }

    private static async Task<Ok<AvatarResponse>> RemoveAsync(ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RemoveAvatar(http.User.GetUserId()), cancellationToken));
}
