using Coo.Modules.Media.Contracts;

namespace Coo.Modules.Media.Domain;

/// <summary>The size rules of images: what is decoded at all, and how large each stored size is.</summary>
internal static class ImageSizes
{
    /// <summary>The largest upload, in bytes.</summary>
    public const long MaxUploadBytes = MediaLimits.MaxUploadBytes;

    /// <summary>
    /// The most pixels an image may declare: decoding takes four bytes a pixel, so this bounds an upload's memory
    /// (about 160 MB) whatever its file size; a decompression bomb declares far more and is refused before decoding.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The original is kept at most this long on its longest side.</summary>
    public const int OriginalMaxSide = 2048;

    /// <summary>The preview shown on timelines is at most this wide (and as high as the aspect ratio makes it).</summary>
    public const int PreviewMaxWidth = 640;

    public static bool IsDecodable(int width, int height) => width > 0 && height > 0 && (long)width * height <= MaxPixels;

    /// <summary>The size that fits within <see cref="OriginalMaxSide"/>, keeping the aspect ratio; never enlarged.</summary>
    public static (int Width, int Height) Original(int width, int height) =>
        Math.Max(width, height) <= OriginalMaxSide ? (width, height) : Scale(width, height, (double)OriginalMaxSide / Math.Max(width, height));

    /// <summary>The size that fits within <see cref="PreviewMaxWidth"/>, keeping the aspect ratio; never enlarged.</summary>
    public static (int Width, int Height) Preview(int width, int height) =>
        width <= PreviewMaxWidth ? (width, height) : Scale(width, height, (double)PreviewMaxWidth / width);

    // A very long, thin image keeps at least one pixel on its short side.
    private static (int Width, int Height) Scale(int width, int height, double factor) =>
        (Math.Max(1, (int)Math.Round(width * factor)), Math.Max(1, (int)Math.Round(height * factor)));
}
