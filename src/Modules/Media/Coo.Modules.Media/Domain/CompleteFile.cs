using System.Buffers.Binary;

namespace Coo.Modules.Media.Domain;

/// <summary>The formats accepted, as found in the bytes (never from the file's name or declared type).</summary>
internal enum ImageKind
{
    Jpeg,
    Png,
    Gif,
    Webp,
}

/// <summary>
/// Whether an image file is whole. Decoders may be lenient (a JPEG decoder can fill a missing part with grey), so a cut
/// upload would be stored as a damaged picture; each format's own end marker tells a whole file from a cut one.
/// </summary>
internal static class CompleteFile
{
    private static readonly byte[] PngEnd = [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    public static bool IsComplete(ReadOnlySpan<byte> file, ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => JpegIsComplete(file),
        ImageKind.Png => file.IndexOf(PngEnd) >= 0,
        ImageKind.Gif => file.Length > 0 && file.TrimEnd((byte)0)[^1] == 0x3B,
        ImageKind.Webp => WebpIsComplete(file),
        _ => false,
    };

    /// <summary>
    /// The end-of-image marker must follow the first scan. Data after it (some cameras append a video) is allowed; the
    /// marker cannot occur inside scan data, where every 0xFF byte is followed by 0x00.
    /// </summary>
    private static bool JpegIsComplete(ReadOnlySpan<byte> file)
    {
        var scan = file.IndexOf([(byte)0xFF, (byte)0xDA]);
        return scan >= 0 && file[scan..].IndexOf([(byte)0xFF, (byte)0xD9]) >= 0;
    }

    /// <summary>A RIFF file declares its length after "RIFF": the file must be at least that long.</summary>
    private static bool WebpIsComplete(ReadOnlySpan<byte> file) =>
        file.Length >= 12 && (long)BinaryPrimitives.ReadUInt32LittleEndian(file[4..8]) + 8 <= file.Length;
}
