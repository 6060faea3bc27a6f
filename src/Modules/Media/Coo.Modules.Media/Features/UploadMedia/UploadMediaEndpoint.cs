using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Media.Features.UploadMedia;

internal static class UploadMediaEndpoint
{
    public static void Map(IEndpointRouteBuilder media) => media
        .MapPost("/", UploadAsync)
        .WithName("UploadMedia")
        .WithSummary("Upload an image (form field file) with its alt text (form field description), to attach to a coo")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .RequireAuthorization()
        .RequireScope(MastodonScopes.WriteMedia)

        // Bearer tokens only, no cookie: a form posted by another site carries no credentials, so no antiforgery token.
        .DisableAntiforgery()
        .WithBodyLimit(ImageUploads.BodyLimit)
        .RequireRateLimiting(MediaRateLimits.Uploading);

    private static async Task<Results<Created<MediaResponse>, ProblemHttpResult>> UploadAsync(
        [FromForm(Name = "file")] IFormFile? file,
        [FromForm(Name = "description")] string? description,
        ISender sender,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var content = await ImageUploads.ReadAsync(file, cancellationToken);
        var result = await sender.Send(new Contracts.UploadMedia(http.User.GetUserId(), content, description), cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error!.ToProblem(http);
        }

        var upload = MediaResponse.Of(result.Value);
        return TypedResults.Created(upload.Url, upload);
    }
}
