using System.Globalization;
using System.Text;

namespace Coo.Shared.Kernel;

/// <summary>Rules for text people type: stored trimmed and NFC-composed, measured in user-perceived characters.</summary>
public static class UserText
{
    /// <summary>Trims and composes to NFC, so that "e" + U+0301 and "é" are stored, compared and counted alike.</summary>
    public static string Clean(string? text) => (text ?? "").Trim().Normalize(NormalizationForm.FormC);

    /// <summary>User-perceived characters (grapheme clusters): an emoji with modifiers or a flag counts once.</summary>
    public static int PerceivedLength(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Control characters (line breaks excepted when <paramref name="allowLineBreaks"/>) never belong in names or bios.</summary>
    public static bool HasControlCharacters(string text, bool allowLineBreaks) =>
        text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r'));
}
