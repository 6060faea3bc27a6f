using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Coo.Modules.Media.Domain;

/// <summary>
/// Files are named by the SHA-256 of their bytes and the extension of their format: a name never changes what it
/// serves, so it can be cached for ever, and the same bytes are stored once.
/// </summary>
internal static partial class MediaFileName
{
    public static string For(byte[] content, string extension) => $"{Convert.ToHexStringLower(SHA256.HashData(content))}.{extension}";

    /// <summary>Only names this module makes: nothing else reaches the store (no paths, no other extensions).</summary>
    public static bool IsValid(string name) => ValidName().IsMatch(name);

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => throw new ArgumentException($"'{name}' is no media file name.", nameof(name)),
    };

    [GeneratedRegex("^[0-9a-f]{64}\\.(jpg|png|webp)$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
