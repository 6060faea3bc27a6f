using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Coo.IntegrationTests.Browser;

/// <summary>
/// axe-core's browser bundle, taken from the npm registry's tarball and trusted only if it matches the integrity
/// npm publishes for that version. The tarball is cached, and checked again on every load.
/// </summary>
public static class AxeCore
{
    public const string Version = "4.14.1";

    private const string Integrity = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==";
    private const string BundleEntry = "package/axe.min.js";

    private static readonly Uri Tarball = new($"https://registry.npmjs.org/axe-core/-/axe-core-{Version}.tgz");
    private static readonly Lazy<Task<string>> Script = new(LoadAsync);

    /// <summary><c>$XDG_CACHE_HOME/coo</c> or <c>~/.cache/coo</c>: outside the build output, so clean builds keep it.</summary>
    public static string CacheFolder => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "coo");

    /// <summary>The source of <c>axe.min.js</c>.</summary>
    public static Task<string> ScriptAsync() => Script.Value;

    private static async Task<string> LoadAsync()
    {
        var cached = Path.Combine(CacheFolder, $"axe-core-{Version}.tgz");
        if (File.Exists(cached))
        {
            var fromCache = await File.ReadAllBytesAsync(cached);
            if (IntegrityOf(fromCache) == Integrity)
            {
                return await ExtractBundleAsync(fromCache);
            }
        }

        var downloaded = await DownloadAsync();
        var actual = IntegrityOf(downloaded);
        if (actual != Integrity)
        {
            throw new InvalidOperationException(
                $"{Tarball} failed its integrity check: expected {Integrity}, got {actual}. Refusing to run it in the browser.");
        }

        Directory.CreateDirectory(CacheFolder);
        var partial = $"{cached}.{Guid.NewGuid():N}.partial";
        await File.WriteAllBytesAsync(partial, downloaded);
        File.Move(partial, cached, overwrite: true);
        return await ExtractBundleAsync(downloaded);
    }

    private static async Task<byte[]> DownloadAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            return await client.GetByteArrayAsync(Tarball);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            throw new InvalidOperationException($"Could not download {Tarball} (needed once, then cached in {CacheFolder}): {ex.Message}", ex);
        }
    }

    private static string IntegrityOf(byte[] tarball) => $"sha512-{Convert.ToBase64String(SHA512.HashData(tarball))}";

    private static async Task<string> ExtractBundleAsync(byte[] tarball)
    {
        await using var gzip = new GZipStream(new MemoryStream(tarball), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.Name == BundleEntry && entry.DataStream is { } data)
            {
                using var reader = new StreamReader(data);
                return await reader.ReadToEndAsync();
            }
        }

        throw new InvalidDataException($"{Tarball} holds no {BundleEntry}.");
    }
}
