using Coo.Modules.Media.Domain;
using Coo.Modules.Media.Storage;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;

namespace Coo.UnitTests.Media;

public sealed class MediaRulesTests
{
    [Theory]
    [InlineData(3000, 2000, 2048, 1365)]
    [InlineData(2000, 3000, 1365, 2048)]
    [InlineData(2048, 100, 2048, 100)]
    [InlineData(800, 600, 800, 600)]
    [InlineData(100_000, 10, 2048, 1)]
    public void The_original_fits_2048_pixels_on_its_longest_side_and_is_never_enlarged(int width, int height, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), ImageSizes.Original(width, height));

    [Theory]
    [InlineData(2048, 1365, 640, 427)]
    [InlineData(1365, 2048, 640, 960)]
    [InlineData(640, 480, 640, 480)]
    [InlineData(300, 200, 300, 200)]
    [InlineData(2048, 1, 640, 1)]
    public void The_preview_is_at_most_640_wide_and_keeps_the_aspect_ratio(int width, int height, int expectedWidth, int expectedHeight) =>
        Assert.Equal((expectedWidth, expectedHeight), ImageSizes.Preview(width, height));

    [Theory]
    [InlineData(8000, 5000, true)]
    [InlineData(8001, 5000, false)]
    [InlineData(100_000, 100_000, false)]
    [InlineData(int.MaxValue, int.MaxValue, false)]
    [InlineData(0, 10, false)]
    public void At_most_40_megapixels_are_decoded(int width, int height, bool decodable) =>
        Assert.Equal(decodable, ImageSizes.IsDecodable(width, height));

    [Fact]
    public void A_file_is_whole_only_with_its_formats_end_marker()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x0C, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD9];
        byte[] riff = [.. "RIFF"u8, 8, 0, 0, 0, .. "WEBPVP8 "u8];

        Assert.True(CompleteFile.IsComplete(jpeg, ImageKind.Jpeg));
        Assert.True(CompleteFile.IsComplete([.. jpeg, .. "appended video"u8], ImageKind.Jpeg));
        Assert.False(CompleteFile.IsComplete(jpeg.AsSpan(..^2), ImageKind.Jpeg));
        Assert.False(CompleteFile.IsComplete([0xFF, 0xD8, 0xFF, 0xD9], ImageKind.Jpeg));
        Assert.True(CompleteFile.IsComplete([.. "GIF89a"u8, 0x3B], ImageKind.Gif));
        Assert.False(CompleteFile.IsComplete("GIF89a"u8, ImageKind.Gif));
        Assert.True(CompleteFile.IsComplete(riff, ImageKind.Webp));
        Assert.False(CompleteFile.IsComplete(riff.AsSpan(..^1), ImageKind.Webp));
        Assert.False(CompleteFile.IsComplete("\x89PNG"u8, ImageKind.Png));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg", true)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.webp", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef.png", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.html", false)]
    [InlineData("../0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab.jpg", false)]
    [InlineData("coo.db", false)]
    public void Only_names_the_module_makes_reach_the_store(string name, bool valid) =>
        Assert.Equal(valid, MediaFileName.IsValid(name));

    [Fact]
    public void Server_mode_needs_a_storage_path_shared_by_every_instance_and_embedded_mode_uses_the_data_folder()
    {
        var server = new DatabaseSettings(DatabaseProvider.PostgreSql, "Host=x;Database=y", MigrateOnStartup: false);
        var embedded = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), "coo-unit-media", "coo.db")}", MigrateOnStartup: false);
        var shared = Path.Combine(Path.GetTempPath(), "coo-unit-media-shared");

        var missing = Assert.Throws<InvalidConfigurationException>(() => MediaStorageOptions.FolderFrom(Configuration(), server));

        Assert.Equal(
            "Media:StoragePath is required when Database:Provider is PostgreSql: every host instance must store images where all of them read them (a shared volume).",
            missing.Message);
        Assert.Equal(shared, MediaStorageOptions.FolderFrom(Configuration(("Media:StoragePath", shared)), server));
        Assert.Equal(Path.Combine(Path.GetTempPath(), "coo-unit-media", "media"), MediaStorageOptions.FolderFrom(Configuration(), embedded));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
