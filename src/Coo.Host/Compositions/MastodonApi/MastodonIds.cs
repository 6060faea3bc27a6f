using System.Globalization;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>Mastodon's ids are strings of digits; Coo's are 64-bit snowflakes, so one reads as the other.</summary>
internal static class MastodonIds
{
    public static string Of(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static bool TryRead(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
