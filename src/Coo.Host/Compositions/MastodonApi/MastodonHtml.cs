using System.Net;
using System.Text;
using Coo.Modules.Coos.Contracts;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon sends text as HTML. Coo keeps plain text and the places of its mentions, hashtags and links, so the HTML
/// is built here: everything escaped, those entities made links in the markup Mastodon itself writes (clients style
/// and open them by their classes), line breaks kept.
/// </summary>
internal static class MastodonHtml
{
    public static string Paragraph(string text) => Paragraph(text, []);

    public static string Content(CooResponse coo, MastodonUrls urls)
    {
        var text = coo.Text;
        var links = coo.Entities.Mentions.Select(m => (m.Start, m.End, Html: Mention(urls.Profile(m.Username), text[(m.Start + 1)..m.End])))
            .Concat(coo.Entities.Hashtags.Select(h => (h.Start, h.End, Html: Hashtag(urls.Tag(h.Tag), text[(h.Start + 1)..h.End]))))
            .Concat(coo.Entities.Urls.Select(u => (u.Start, u.End, Html: Link(u.Url, text[u.Start..u.End]))))
            .OrderBy(e => e.Start)
            .ToList();
        return Paragraph(text, links);
    }

    /// <summary>The text in one paragraph, <paramref name="links"/> (in order, not overlapping) in place of what they cover.</summary>
    private static string Paragraph(string text, List<(int Start, int End, string Html)> links)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<p>");
        var at = 0;
        foreach (var (start, end, link) in links)
        {
            AppendText(html, text[at..start]);
            html.Append(link);
            at = end;
        }

        AppendText(html, text[at..]);
        return html.Append("</p>").ToString();
    }

    private static void AppendText(StringBuilder html, string text) =>
        html.Append(WebUtility.HtmlEncode(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br />", StringComparison.Ordinal));

    private static string Mention(string profileUrl, string username) =>
        $"<span class=\"h-card\"><a href=\"{WebUtility.HtmlEncode(profileUrl)}\" class=\"u-url mention\">@<span>{WebUtility.HtmlEncode(username)}</span></a></span>";

    private static string Hashtag(string tagUrl, string tag) =>
        $"<a href=\"{WebUtility.HtmlEncode(tagUrl)}\" class=\"mention hashtag\" rel=\"tag\">#<span>{WebUtility.HtmlEncode(tag)}</span></a>";

    private static string Link(string url, string shown) =>
        $"<a href=\"{WebUtility.HtmlEncode(url)}\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">{WebUtility.HtmlEncode(shown)}</a>";
}
