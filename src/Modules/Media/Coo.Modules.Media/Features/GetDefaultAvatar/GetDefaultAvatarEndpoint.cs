using Coo.Modules.Media.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Media.Features.GetDefaultAvatar;

/// <summary>
/// Serves the generated avatar of an account without one (<c>DefaultAvatar</c>'s URLs): drawn on request, as every
/// image is served (<see cref="ServedImages"/>). Drawing one takes about as long as reading a file, and each browser
/// asks once.
/// </summary>
internal static class GetDefaultAvatarEndpoint
{
    public static void Map(IEndpointRouteBuilder media) => media
        .MapGet("/default-avatars/{userId:long}-{side:int}.png", Serve)
        .WithName("GetDefaultAvatar")
        .WithSummary("The generated avatar of an account without one, 400 or 96 pixels square")
        .Produces(StatusCodes.Status200OK, null, "image/png")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .AllowAnonymous();

    private static IResult Serve(long userId, int side, HttpContext http)
    {
        if (!DefaultAvatarPainter.IsSide(side))
        {
            return TypedResults.NotFound();
        }

        ServedImages.SetHeaders(http.Response);
        return TypedResults.File(DefaultAvatarPainter.Paint(userId, side), "image/png");
    }
}
