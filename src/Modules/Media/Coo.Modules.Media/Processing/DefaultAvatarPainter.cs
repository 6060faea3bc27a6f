using System.Buffers.Binary;
using System.Security.Cryptography;
using Coo.Modules.Media.Contracts;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.ColorSpaces;
using SixLabors.ImageSharp.ColorSpaces.Conversion;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Coo.Modules.Media.Processing;

/// <summary>
/// Draws the avatar of an account without one: a 5×5 pattern, mirrored left to right as faces are, in a colour, both
/// taken from a hash of the account's id, so the same account always gets the same picture and others tell it apart.
/// </summary>
internal static class DefaultAvatarPainter
{
    public const int Grid = 5;

    private static readonly Rgba32 Background = new(240, 241, 244);
    private static readonly ColorSpaceConverter Colours = new();

    public static bool IsSide(int side) => side is DefaultAvatar.LargeSide or DefaultAvatar.SmallSide;

    /// <summary>The picture as a PNG of <paramref name="side"/> pixels square.</summary>
    public static byte[] Paint(long userId, int side)
    {
        var (cells, colour) = Pattern(userId);
        var margin = side / 10;
        var inner = side - (2 * margin);
        using var image = new Image<Rgba32>(side, side, Background);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < inner; y++)
            {
                var row = rows.GetRowSpan(margin + y);
                for (var x = 0; x < inner; x++)
                {
                    if (cells[y * Grid / inner, x * Grid / inner])
                    {
                        row[margin + x] = colour;
                    }
                }
            }
        });

        using var output = new MemoryStream();
        image.Save(output, new PngEncoder { ColorType = PngColorType.Palette, ChunkFilter = PngChunkFilter.ExcludeAll });
        return output.ToArray();
    }

    /// <summary>Which cells are filled ([row, column]) and in which colour: a hue from the hash, at one saturation and lightness.</summary>
    public static (bool[,] Cells, Rgba32 Colour) Pattern(long userId)
    {
        Span<byte> id = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(id, userId);
        var hash = SHA256.HashData(id);
        var cells = new bool[Grid, Grid];
        for (var row = 0; row < Grid; row++)
        {
            for (var column = 0; column <= Grid / 2; column++)
            {
                var bit = (row * 3) + column;
                cells[row, column] = cells[row, Grid - 1 - column] = (hash[2 + (bit / 8)] & (1 << (bit % 8))) != 0;
            }
        }

        var hue = BinaryPrimitives.ReadUInt16LittleEndian(hash) % 360;
        var rgb = Colours.ToRgb(new Hsl(hue, 0.55f, 0.45f));
        return (cells, new Rgba32(rgb.R, rgb.G, rgb.B));
    }
}
