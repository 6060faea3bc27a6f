using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Coo.Modules.Media.Features.GetMediaFile;

/// <summary>
/// Serves an image file by its content-addressed name, as every image is served (<see cref="ServedImages"/>); its
/// type is fixed by the name.
/// </summary>
internal static class GetMediaFileEndpoint
{
    public static void Map(IEndpointRouteBuilder media) => media
        .MapGet("/files/{name}", Serve)
        .WithName("GetMediaFile")
        .WithSummary("An image file, by the name in a media item's url or previewUrl")
        .Produces(StatusCodes.Status200OK, null, "image/jpeg", "image/png", "image/webp")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .AllowAnonymous();

    // Not rate-limited: a page of coos loads many images, each once per browser, and serving one reads a single file.
    private static IResult Serve(string name, IMediaStore store, HttpContext http)
    {
        var file = MediaFileName.IsValid(name) ? store.Open(name) : null;
        if (file is null)
        {
            return TypedResults.NotFound();
        }

        ServedImages.SetHeaders(http.Response);
        return TypedResults.Stream(file, MediaFileName.ContentType(name), entityTag: new EntityTagHeaderValue($"\"{name[..64]}\""), enableRangeProcessing: true);
    }
}
