using Coo.Modules.Media.Processing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Coo.UnitTests.Media;

public sealed class DefaultAvatarPainterTests
{
    [Fact]
    public void An_account_always_gets_the_same_picture()
    {
        Assert.Equal(DefaultAvatarPainter.Paint(254172886116343808, 96), DefaultAvatarPainter.Paint(254172886116343808, 96));
        var (cells, colour) = DefaultAvatarPainter.Pattern(42);
        var again = DefaultAvatarPainter.Pattern(42);
        Assert.Equal(cells, again.Cells);
        Assert.Equal(colour, again.Colour);
    }

    [Fact]
    public void The_pattern_is_mirrored_left_to_right()
    {
        for (long id = 1; id <= 200; id++)
        {
            var (cells, _) = DefaultAvatarPainter.Pattern(id);
            for (var row = 0; row < DefaultAvatarPainter.Grid; row++)
            {
                for (var column = 0; column < DefaultAvatarPainter.Grid; column++)
                {
                    Assert.Equal(cells[row, column], cells[row, DefaultAvatarPainter.Grid - 1 - column]);
                }
            }
        }
    }

    [Fact]
    public void Accounts_next_to_each_other_are_told_apart()
    {
        var patterns = Enumerable.Range(1, 200)
            .Select(id => DefaultAvatarPainter.Pattern(254172886116343808 + id))
            .Select(p => $"{string.Concat(p.Cells.Cast<bool>().Select(filled => filled ? '#' : '.'))} {p.Colour}")
            .ToHashSet();

        Assert.True(patterns.Count >= 195, $"only {patterns.Count} different pictures for 200 accounts");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(96)]
    public void The_picture_is_a_square_png_of_the_size_asked_with_the_pattern_inside_a_margin(int side)
    {
        using var image = Image.Load<Rgba32>(DefaultAvatarPainter.Paint(7, side));
        var (cells, colour) = DefaultAvatarPainter.Pattern(7);
        var margin = side / 10;
        var cell = (side - (2 * margin)) / (double)DefaultAvatarPainter.Grid;

        Assert.Equal((side, side), (image.Width, image.Height));
        Assert.NotEqual(colour, image[0, 0]);
        for (var row = 0; row < DefaultAvatarPainter.Grid; row++)
        {
            for (var column = 0; column < DefaultAvatarPainter.Grid; column++)
            {
                var middle = image[margin + (int)((column + 0.5) * cell), margin + (int)((row + 0.5) * cell)];
                Assert.Equal(cells[row, column], middle == colour);
            }
        }
    }
}
