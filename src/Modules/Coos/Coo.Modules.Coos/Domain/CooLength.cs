using Coo.Modules.Coos.Contracts;
using Coo.Shared.Kernel;

namespace Coo.Modules.Coos.Domain;

/// <summary>
/// How long a coo's text counts: user-perceived characters, and each link (as <see cref="TextEntities"/> finds it) as
/// <see cref="CooLimits.CharactersPerUrl"/> whatever its own length, so a long address does not crowd out the words
/// around it and a Mastodon app's counter (told the same number by the instance) agrees with the server.
/// </summary>
internal static class CooLength
{
    public static int Of(string text)
    {
        var length = 0;
        var at = 0;
        foreach (var link in TextEntities.Parse(text).Urls)
        {
            length += UserText.PerceivedLength(text[at..link.Start]) + CooLimits.CharactersPerUrl;
            at = link.End;
        }

        return length + UserText.PerceivedLength(text[at..]);
    }
}
