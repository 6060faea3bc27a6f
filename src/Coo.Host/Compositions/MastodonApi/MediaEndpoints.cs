using Coo.Modules.Media.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using FluentValidation;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Uploading an image to attach to a status (<c>media_ids[]</c>), and reading one's own uploads back. Coo processes an
/// image while it is uploaded, so the answer is 200 with its URLs, never 202. Every image on Coo has a description
/// (alt text): an upload without one is refused, as one with a <c>thumbnail</c> (Coo has no video or audio); <c>focus</c>
/// is ignored.
/// </summary>
internal static class MediaEndpoints
{
    // The image and, around it, the form's boundaries, headers and other fields.
    private const long BodyLimit = MediaLimits.MaxUploadBytes + (64 * 1024);

    public static void Map(IEndpointRouteBuilder v1, IEndpointRouteBuilder v2)
    {
        v2.MapPost("/media", UploadAsync)
            .RequireAuthorization()
            .RequireScope(MastodonScopes.WriteMedia)
            .WithBodyLimit(BodyLimit)
            .RequireRateLimiting(MastodonRateLimits.Uploading);

        // Digits only: Coo's own /media/files/{name} and /media/avatar must not fall to this route without their name.
        v1.MapGet("/media/{id:long}", GetAsync)
            .RequireAuthorization()
            .RequireScope(MastodonScopes.WriteMedia);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ISender sender, MastodonUrls urls, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, "Validation failed: the image comes as a multipart form's file field");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, "Validation failed: the multipart form could not be read");
        }

        if (form.Files["thumbnail"] is not null)
        {
            return MastodonJson.Error(StatusCodes.Status422UnprocessableEntity, "Coo has images only, which take no thumbnail");
        }

        byte[]? content = null;
        if (form.Files["file"] is { } file)
        {
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
        }

        try
        {
            var uploaded = await sender.Send(new UploadMedia(http.User.GetUserId(), content, form["description"].FirstOrDefault()), cancellationToken);
            return uploaded.IsSuccess ? MastodonJson.Ok(Attachment(uploaded.Value, urls)) : uploaded.Error!.ToProblem(http);
        }
        catch (ValidationException ex)
        {
            return MastodonJson.Invalid(ex);
        }
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ISender sender, MastodonUrls urls, CancellationToken cancellationToken) =>
        MastodonIds.TryRead(id, out var mediaId) && await sender.Send(new GetOwnMedia(http.User.GetUserId(), mediaId), cancellationToken) is { } media
            ? MastodonJson.Ok(Attachment(media, urls))
            : MastodonJson.Error(StatusCodes.Status404NotFound, "Record not found");

    private static MastodonMediaAttachment Attachment(MediaAttachment media, MastodonUrls urls) => MastodonMediaAttachment.Image(
        media.Id, media.Url, media.PreviewUrl, (media.Width, media.Height), (media.PreviewWidth, media.PreviewHeight), media.Description, urls);
}
