using System.Text;
using Coo.Modules.Coos.Contracts;

namespace Coo.Modules.Coos.Domain;

/// <summary>
/// Finds the mentions, hashtags and links of a coo's text (<see cref="CooEntities"/>), once, when it is posted; they
/// are kept with the coo.
/// </summary>
internal static class TextEntities
{
    private const int MaxUsernameLength = 15;

    /// <summary>
    /// A mention is <c>@</c> and a whole username (1–15 letters A–Z, digits or underscores) not preceded by a letter,
    /// digit, <c>_</c>, <c>@</c> or <c>/</c> (so no e-mail address); a hashtag is <c>#</c> and a tag
    /// (<see cref="Hashtag"/>) not preceded by a tag character or <c>&amp;</c>; a link starts with <c>http://</c> or
    /// <c>https://</c> and ends at white space, without the punctuation that ends a sentence (or a closing bracket it
    /// did not open). Nothing is found inside a link. Mentions are candidates, with user id 0, until
    /// <see cref="WithMentionsOf"/> keeps those of real users.
    /// </summary>
    public static CooEntities Parse(string text)
    {
        var mentions = new List<MentionEntity>();
        var tags = new List<HashtagEntity>();
        var links = new List<UrlEntity>();
        var i = 0;
        while (i < text.Length)
        {
            var afterBoundary = StartsAfterBoundary(text, i);
            if (afterBoundary && LinkAt(text, i) is { } link)
            {
                links.Add(link);
                i = link.End;
            }
            else if (afterBoundary && text[i] == '@' && MentionAt(text, i) is { } mention)
            {
                mentions.Add(mention);
                i = mention.End;
            }
            else if (text[i] == '#' && TagAt(text, i) is { } tag)
            {
                tags.Add(tag);
                i = tag.End;
            }
            else
            {
                i++;
            }
        }

        return new CooEntities(mentions, tags, links);
    }

    /// <summary>The usernames mentioned, each once, compared without regard to case.</summary>
    public static IReadOnlyList<string> MentionedUsernames(this CooEntities entities) =>
        [.. entities.Mentions.Select(m => m.Username).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Keeps the mentions of existing users, with their ids and their usernames as they spell them.</summary>
    public static CooEntities WithMentionsOf(this CooEntities entities, IEnumerable<(long Id, string Username)> users)
    {
        var byName = users.ToDictionary(u => u.Username, StringComparer.OrdinalIgnoreCase);
        return entities with
        {
            Mentions = [.. entities.Mentions
                .Where(m => byName.ContainsKey(m.Username))
                .Select(m => m with { UserId = byName[m.Username].Id, Username = byName[m.Username].Username })],
        };
    }

    private static bool StartsAfterBoundary(string text, int i) =>
        i == 0 || !(char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '@' or '/' || char.IsLowSurrogate(text[i - 1]));

    private static MentionEntity? MentionAt(string text, int at)
    {
        var end = at + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        var length = end - at - 1;
        var followedByName = end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '@');
        return length is >= 1 and <= MaxUsernameLength && !followedByName ? new MentionEntity(at, end, 0, text[(at + 1)..end]) : null;
    }

    private static HashtagEntity? TagAt(string text, int at)
    {
        if (at > 0 && (text[at - 1] == '&' || (Rune.TryGetRuneAt(text, PreviousRuneStart(text, at), out var previous) && Hashtag.IsPartOfTag(previous))))
        {
            return null;
        }

        var end = at + 1;
        while (end < text.Length && Rune.TryGetRuneAt(text, end, out var rune) && Hashtag.IsPartOfTag(rune))
        {
            end += rune.Utf16SequenceLength;
        }

        return Hashtag.Normalize(text[(at + 1)..end]) is { } tag ? new HashtagEntity(at, end, tag) : null;
    }

    private static int PreviousRuneStart(string text, int at) =>
        at >= 2 && char.IsLowSurrogate(text[at - 1]) && char.IsHighSurrogate(text[at - 2]) ? at - 2 : at - 1;

    private static UrlEntity? LinkAt(string text, int at)
    {
        var rest = text.AsSpan(at);
        var scheme = rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
        if (scheme == 0)
        {
            return null;
        }

        var end = at + scheme;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('<' or '>' or '"'))
        {
            end++;
        }

        // The punctuation that ends a sentence belongs to it, and so does a closing bracket the link did not open: one
        // more closed than opened so far (counted once, then as each is given back, so a run of them is not quadratic).
        var link = text.AsSpan(at, end - at);
        var (parentheses, brackets) = (link.Count('(') - link.Count(')'), link.Count('[') - link.Count(']'));
        while (end > at + scheme && text[end - 1] switch
        {
            '.' or ',' or ';' or ':' or '!' or '?' or '\'' => true,
            ')' => parentheses++ < 0,
            ']' => brackets++ < 0,
            _ => false,
        })
        {
            end--;
        }

        return end > at + scheme ? new UrlEntity(at, end, text[at..end]) : null;
    }
}
