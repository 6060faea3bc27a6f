using System.Diagnostics.CodeAnalysis;
using Coo.Shared.Infrastructure.Web;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon's paging parameters: <c>max_id</c> (older than), <c>since_id</c> (newer than, the newest first),
/// <c>min_id</c> (newer than, those right after it) and <c>limit</c> (20 by default, at most 40). Each is read from its
/// first value, since some clients (toot) repeat <c>limit</c>. The answer's <c>Link</c> header names the next (older)
/// and previous (newer) pages as absolute URLs, <c>rel="next"</c> first, as Mastodon writes it.
/// </summary>
internal sealed record MastodonPaging(long? MaxId, long? SinceId, long? MinId, int Limit)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 40;

    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out MastodonPaging? paging, [NotNullWhen(false)] out IResult? error)
    {
        (paging, error) = (null, null);
        long? maxId = null, sinceId = null, minId = null;
        foreach (var (name, set) in new (string, Action<long>)[] { ("max_id", v => maxId = v), ("since_id", v => sinceId = v), ("min_id", v => minId = v) })
        {
            if (request.Query[name].FirstOrDefault() is { Length: > 0 } text)
            {
                if (!MastodonIds.TryRead(text, out var id))
                {
                    error = MastodonJson.Error(StatusCodes.Status400BadRequest, $"{name} is not an id");
                    return false;
                }

                set(id);
            }
        }

        var limit = DefaultLimit;
        if (request.Query["limit"].FirstOrDefault() is { Length: > 0 } limitText && !int.TryParse(limitText, out limit))
        {
            error = MastodonJson.Error(StatusCodes.Status400BadRequest, "limit is not a number");
            return false;
        }

        paging = new MastodonPaging(maxId, sinceId, minId, Math.Clamp(limit, 1, MaxLimit));
        return true;
    }

    /// <summary>
    /// The Link header for a page whose ids run from <paramref name="newestId"/> down to <paramref name="oldestId"/>,
    /// keeping the request's other parameters (<c>types[]</c>, <c>exclude_replies</c>, …) as Mastodon's links do, so a
    /// filtered list stays filtered page after page. Mastodon names a next page of statuses and notifications after
    /// any page, but of accounts only after a full one; clients that follow <c>rel="next"</c> to the end (megalodon's
    /// <c>get_all</c>) rely on that.
    /// </summary>
    public static void Link(HttpResponse response, string pageUrl, string newestId, string oldestId, int limit, bool includeNext)
    {
        var kept = Paging.OtherParameters(response.HttpContext.Request, "max_id", "min_id", "since_id", "limit", "access_token");
        var previous = $"<{pageUrl}?limit={limit}{kept}&min_id={newestId}>; rel=\"prev\"";
        response.Headers.Link = includeNext ? $"<{pageUrl}?limit={limit}{kept}&max_id={oldestId}>; rel=\"next\", {previous}" : previous;
    }
}
