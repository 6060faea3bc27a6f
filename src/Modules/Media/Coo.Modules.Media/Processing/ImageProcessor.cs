using Coo.Modules.Media.Contracts;
using Coo.Modules.Media.Domain;
using Coo.Shared.Kernel;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Processing;

namespace Coo.Modules.Media.Processing;

/// <summary>
/// Turns an upload into the images Coo stores: the format is found from the bytes; the declared size is checked before
/// a pixel is decoded; the image is decoded (a GIF's first frame only), stripped of all metadata (EXIF with its GPS
/// position, ICC, XMP, IPTC, comments) and re-encoded, so that nothing of the uploaded file but its picture is served.
/// A JPEG stays a JPEG, a WebP a WebP; PNG and GIF become PNG (lossless, transparency kept).
/// </summary>
internal static class ImageProcessor
{
    private const int JpegQuality = 85;

    // Only the accepted formats: anything else (BMP, TIFF, text) is not identified at all.
    private static readonly Configuration Formats = new(
        new JpegConfigurationModule(), new PngConfigurationModule(), new GifConfigurationModule(), new WebpConfigurationModule());

    /// <summary>A picture for a coo: the original, capped in size, and the preview for timelines.</summary>
    public static Task<Result<ProcessedImage>> ProcessAsync(byte[] upload, CancellationToken cancellationToken) =>
        ProcessAsync(upload, Encode, cancellationToken);

    /// <summary>An avatar: the middle square of the picture, as the large and the small avatar.</summary>
    public static Task<Result<ProcessedImage>> ProcessAvatarAsync(byte[] upload, CancellationToken cancellationToken) =>
        ProcessAsync(upload, EncodeAvatar, cancellationToken);

    private static async Task<Result<ProcessedImage>> ProcessAsync(
        byte[] upload, Func<Image, ImageKind, ProcessedImage> encode, CancellationToken cancellationToken)
    {
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            using var identifying = new MemoryStream(upload, writable: false);
            (info, format) = await Image.IdentifyWithFormatAsync(Formats, identifying, cancellationToken);
        }
        catch (ImageFormatException)
        {
            return MediaModuleErrors.NotAnImage;
        }

        if (info is null || format is null || KindOf(format) is not { } kind)
        {
            return MediaModuleErrors.NotAnImage;
        }

        if (!ImageSizes.IsDecodable(info.Width, info.Height))
        {
            return MediaModuleErrors.TooManyPixels;
        }

        if (!CompleteFile.IsComplete(upload, kind))
        {
            return MediaModuleErrors.Damaged;
        }

        try
        {
            using var image = Decode(upload, kind);
            return encode(image, kind);
        }
        catch (Exception ex) when (ex is ImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            return MediaModuleErrors.Damaged;
        }
    }

    private static ImageKind? KindOf(IImageFormat format) => format switch
    {
        JpegFormat => ImageKind.Jpeg,
        PngFormat => ImageKind.Png,
        GifFormat => ImageKind.Gif,
        WebpFormat => ImageKind.Webp,
        _ => null,
    };

    private static Image Decode(byte[] upload, ImageKind kind)
    {
        IImageDecoder decoder = kind switch
        {
            ImageKind.Jpeg => new JpegDecoder(),
            ImageKind.Png => new PngDecoder(),
            ImageKind.Gif => new GifDecoder { DecodingMode = SixLabors.ImageSharp.Metadata.FrameDecodingMode.First },
            _ => new WebpDecoder(),
        };
        var image = Image.Load(Formats, upload, decoder);

        // An animated WebP still has its other frames: a picture is its first one.
        while (image.Frames.Count > 1)
        {
            image.Frames.RemoveFrame(1);
        }

        // The picture as the camera meant it (EXIF orientation), before the EXIF goes.
        image.Mutate(x => x.AutoOrient());
        image.Metadata.ExifProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        image.Frames.RootFrame.Metadata.ExifProfile = null;
        image.Frames.RootFrame.Metadata.IccProfile = null;
        image.Frames.RootFrame.Metadata.IptcProfile = null;
        image.Frames.RootFrame.Metadata.XmpProfile = null;
        return image;
    }

    private static ProcessedImage Encode(Image image, ImageKind kind)
    {
        var original = ImageSizes.Original(image.Width, image.Height);
        if ((original.Width, original.Height) != (image.Width, image.Height))
        {
            image.Mutate(x => x.Resize(original.Width, original.Height));
        }

        var encodedOriginal = EncodeAs(image, kind);
        var preview = ImageSizes.Preview(image.Width, image.Height);
        if ((preview.Width, preview.Height) == (image.Width, image.Height))
        {
            return new ProcessedImage(encodedOriginal, encodedOriginal);
        }

        using var smaller = image.Clone(x => x.Resize(preview.Width, preview.Height));
        return new ProcessedImage(encodedOriginal, EncodeAs(smaller, kind));
    }

    private static ProcessedImage EncodeAvatar(Image image, ImageKind kind)
    {
        var side = Math.Min(image.Width, image.Height);
        image.Mutate(x => x
            .Crop(new Rectangle((image.Width - side) / 2, (image.Height - side) / 2, side, side))
            .Resize(DefaultAvatar.LargeSide, DefaultAvatar.LargeSide));
        using var small = image.Clone(x => x.Resize(DefaultAvatar.SmallSide, DefaultAvatar.SmallSide));
        return new ProcessedImage(EncodeAs(image, kind), EncodeAs(small, kind));
    }

    private static EncodedImage EncodeAs(Image image, ImageKind kind)
    {
        using var output = new MemoryStream();
        var extension = kind switch
        {
            ImageKind.Jpeg => Save(image, output, new JpegEncoder { Quality = JpegQuality }, "jpg"),
            ImageKind.Webp => Save(image, output, new WebpEncoder(), "webp"),

            // A GIF's comments and an APNG's text chunks are metadata too: the PNG encoder writes none of them.
            _ => Save(image, output, new PngEncoder { ChunkFilter = PngChunkFilter.ExcludeAll }, "png"),
        };
        return new EncodedImage(output.ToArray(), extension, image.Width, image.Height);
    }

    private static string Save(Image image, Stream output, IImageEncoder encoder, string extension)
    {
        image.Save(output, encoder);
        return extension;
    }
}
