using Coo.Modules.Media.Contracts;
using Coo.Modules.Media.Domain;

namespace Coo.Modules.Media.Features;

/// <summary>
/// An upload as clients see it: the same fields as a coo's <c>media</c> items, so a client shows its upload before
/// posting exactly as it will look. <see cref="Type"/> is always <c>image</c>, the one kind there is.
/// </summary>
internal sealed record MediaResponse(
    long Id, string Type, string Url, string PreviewUrl, int Width, int Height, int PreviewWidth, int PreviewHeight, string Description)
{
    public static MediaResponse Of(MediaAttachment attachment) =>
        new(attachment.Id, "image", attachment.Url, attachment.PreviewUrl, attachment.Width, attachment.Height,
            attachment.PreviewWidth, attachment.PreviewHeight, attachment.Description);
}

/// <summary>Where the files are served (<c>GetMediaFile</c>): relative to the API's base, stable for ever.</summary>
internal static class MediaUrls
{
    public const string FilesPath = "/api/v1/media/files";

    public static MediaAttachment Attachment(MediaItem item) => new(
        item.Id,
        $"{FilesPath}/{item.FileName}",
        $"{FilesPath}/{item.PreviewFileName}",
        item.Width,
        item.Height,
        item.PreviewWidth,
        item.PreviewHeight,
        item.Description);
}
