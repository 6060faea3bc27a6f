using System.Globalization;
using System.Text;

namespace Coo.Shared.Kernel;

/// <summary>
/// Rules for text people type: stored trimmed and NFC-composed, measured in user-perceived characters. Acceptable text
/// holds only characters a person can type: no unpaired surrogates, no noncharacters (U+FDD0–U+FDEF and every
/// U+xxFFFE / U+xxFFFF) and no control characters, except line breaks in multi-line fields (bio, coo text). Any
/// letter, emoji, joiner or direction mark is accepted.
/// </summary>
public static class UserText
{
    /// <summary>
    /// Trims and composes to NFC, so that "e" + U+0301 and "é" are stored, compared and counted alike. Text that is
    /// not <see cref="IsAcceptable"/> is only trimmed (composing it would throw): validators refuse it.
    /// </summary>
    public static string Clean(string? text)
    {
        var trimmed = (text ?? "").Trim();
        return IsAcceptable(trimmed, allowLineBreaks: true) ? trimmed.Normalize(NormalizationForm.FormC) : trimmed;
    }

    /// <summary>User-perceived characters (grapheme clusters): an emoji with modifiers or a flag counts once.</summary>
    public static int PerceivedLength(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Whether <paramref name="text"/> holds only characters people type (see <see cref="UserText"/>).</summary>
    public static bool IsAcceptable(string? text, bool allowLineBreaks)
    {
        var rest = (text ?? "").AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || IsNoncharacter(rune)
                || (Rune.IsControl(rune) && !(allowLineBreaks && rune.Value is '\n' or '\r')))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static bool IsNoncharacter(Rune rune) => rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;
}
