using Coo.Shared.Infrastructure.Web;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Absolute URLs for Mastodon's entities, from the configured public URL (or the request's, where none is
/// configured and the host filter admitted it): the web client's pages for people, coos and tags.
/// </summary>
internal sealed class MastodonUrls(PublicBaseUrl publicBaseUrl, IHttpContextAccessor http)
{
    public string Base => publicBaseUrl.For(http.HttpContext!.Request).TrimEnd('/');

    public string Profile(string username) => $"{Base}/@{username}";

    public string Coo(string username, long cooId) => $"{Base}/@{username}/coo/{MastodonIds.Of(cooId)}";

    public string Tag(string tag) => $"{Base}/tags/{Uri.EscapeDataString(tag)}";

    /// <summary>Coo has no profile headers; Mastodon clients expect an image URL there all the same.</summary>
    public string MissingHeader => $"{Base}/favicon.svg";

    /// <summary>A URL the API gives relative to the server, made absolute (Mastodon clients load them as given).</summary>
    public string Absolute(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal) ? url : $"{Base}/{url.TrimStart('/')}";
}
