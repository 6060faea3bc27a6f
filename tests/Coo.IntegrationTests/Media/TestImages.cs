using System.Buffers.Binary;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace Coo.IntegrationTests.Media;

/// <summary>Image files made in the test, each with the trait a test needs.</summary>
internal static class TestImages
{
    public static readonly Rgba32 Red = new(255, 0, 0);
    public static readonly Rgba32 Green = new(0, 255, 0);
    public static readonly Rgba32 Blue = new(0, 0, 255);

    /// <summary>A photo with where it was taken in its EXIF, as phones write it.</summary>
    public static byte[] JpegWithGpsPosition(int width, int height)
    {
        using var image = new Image<Rgb24>(width, height, new Rgb24(200, 120, 40));
        image.Metadata.ExifProfile = new ExifProfile();
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitudeRef, "N");
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLatitude, [new Rational(52, 1), new Rational(31, 1), new Rational(12, 1)]);
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLongitudeRef, "E");
        image.Metadata.ExifProfile.SetValue(ExifTag.GPSLongitude, [new Rational(13, 1), new Rational(24, 1), new Rational(36, 1)]);
        image.Metadata.ExifProfile.SetValue(ExifTag.Make, "TestCam");
        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    public static byte[] Png(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(10, 200, 90, 128));
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return output.ToArray();
    }

    /// <summary>Three upright stripes of equal width: red, green, blue.</summary>
    public static byte[] Stripes(int width, int height)
    {
        using var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < width; x++)
                {
                    row[x] = (x * 3 / width) switch { 0 => Red, 1 => Green, _ => Blue };
                }
            }
        });
        using var output = new MemoryStream();
        image.Save(output, new PngEncoder());
        return output.ToArray();
    }

    public static Rgba32 PixelAt(byte[] file, int x, int y)
    {
        using var image = Image.Load<Rgba32>(file);
        return image[x, y];
    }

    /// <summary>A small PNG whose header declares <paramref name="width"/>×<paramref name="height"/> pixels (CRC fixed up).</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var png = Png(8, 8);

        // Signature (8 bytes), then IHDR: length (4), type (4), width (4), height (4), …, CRC over type and data.
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    public static (int Width, int Height, bool HasExif) Read(byte[] file)
    {
        using var image = Image.Load(file);
        return (image.Width, image.Height, image.Metadata.ExifProfile is not null || image.Frames.RootFrame.Metadata.ExifProfile is not null);
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: a dozen bytes need no table.</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
