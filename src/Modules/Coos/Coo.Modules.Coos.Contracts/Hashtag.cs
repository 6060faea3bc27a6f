using System.Buffers;
using System.Globalization;
using System.Text;

namespace Coo.Modules.Coos.Contracts;

/// <summary>
/// How a hashtag is written and compared: letters (with their combining marks), digits and underscores, at least one
/// letter, at most <see cref="MaxLength"/> UTF-16 units; compared in one normal form (NFKC, then lower case), so that
/// <c>#Coo</c>, <c>#COO</c> and a full-width <c>#ｃｏｏ</c> are one tag. Coos parses tags with it, and every module
/// that takes a tag from a URL normalises it the same way. A class rather than a static class: contracts are sealed types.
/// </summary>
public sealed class Hashtag
{
    public const int MaxLength = 100;

    private Hashtag()
    {
    }

    /// <summary>The tag's one form for storing and comparing (without the <c>#</c>), or null when it is no valid tag.</summary>
    public static string? Normalize(string? tag)
    {
        // Checked before normalising too: normalising throws on noncharacters and unpaired surrogates.
        if (string.IsNullOrEmpty(tag) || tag.Length > MaxLength || !IsWellFormed(tag) || !tag.EnumerateRunes().All(IsPartOfTag))
        {
            return null;
        }

        var normalized = tag.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var hasLetter = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (!IsPartOfTag(rune))
            {
                return null;
            }

            hasLetter |= Rune.IsLetter(rune);
        }

        return hasLetter && normalized.Length <= MaxLength ? normalized : null;
    }

    /// <summary>Whether <paramref name="rune"/> may be part of a tag.</summary>
    public static bool IsPartOfTag(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || rune.Value == '_' || Rune.GetUnicodeCategory(rune)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>Unpaired surrogates can be neither normalised nor part of a tag.</summary>
    private static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out _, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            text = text[consumed..];
        }

        return true;
    }
}
