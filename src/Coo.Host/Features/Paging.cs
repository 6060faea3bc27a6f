using System.Globalization;
using System.Text;
using Coo.Host.Composition;
using Coo.Shared.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Coo.Host.Features;

/// <summary>A page of a list, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset pagination over time-ordered ids. Cursors are opaque to clients (they must not build them) and
/// any malformed one is a 400, never a 500.
/// </summary>
internal static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const string Prefix = "v1:";

    private static string EncodeCursor(long lastId) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(Prefix + lastId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Reads the <c>limit</c> and <c>cursor</c> query values, or explains what is wrong with them.</summary>
    public static bool TryRead(HttpContext http, int? limit, string? cursor, out int pageSize, out long? beforeId, out ValidationProblem? problem)
    {
        pageSize = limit ?? DefaultLimit;
        beforeId = null;
        problem = null;
        var texts = http.RequestServices.GetRequiredService<ProblemTexts>();
        var errors = new Dictionary<string, string[]>();
        if (pageSize is < 1 or > MaxLimit)
        {
            errors["limit"] = [texts.LimitOutOfRange(MaxLimit)];
        }

        if (cursor is not null)
        {
            if (TryDecode(cursor, out var id))
            {
                beforeId = id;
            }
            else
            {
                errors["cursor"] = [texts.UnknownCursor];
            }
        }

        if (errors.Count == 0)
        {
            return true;
        }

        problem = TypedResults.ValidationProblem(errors, title: texts.ValidationTitle, type: ProblemTypes.Validation);
        return false;
    }

    /// <summary>
    /// Cuts a page out of <paramref name="fetched"/>, which the caller asked for with <c>limit + 1</c> rows so that
    /// the last page is known to be the last. When there is more, sets the next-page cursor and <c>Link</c> header.
    /// </summary>
    public static (IReadOnlyList<T> Page, string? NextCursor) TakePage<T>(HttpContext http, IReadOnlyList<T> fetched, int pageSize, Func<T, long> key)
    {
        if (fetched.Count <= pageSize)
        {
            return (fetched, null);
        }

        var page = fetched.Take(pageSize).ToList();
        var nextCursor = EncodeCursor(key(page[^1]));
        AddNextLink(http, nextCursor, pageSize);
        return (page, nextCursor);
    }

    /// <summary>
    /// Sets <c>Link: &lt;…&gt;; rel="next"</c> to the absolute URL of the next page, which clients follow as is; its
    /// base is <c>App:PublicUrl</c>, or the request's own host once host filtering accepted it.
    /// </summary>
    private static void AddNextLink(HttpContext http, string nextCursor, int limit)
    {
        var baseUrl = http.RequestServices.GetRequiredService<PublicBaseUrl>().For(http.Request);
        var query = QueryHelpers.AddQueryString(
            $"{baseUrl}{http.Request.Path}",
            new Dictionary<string, string?> { ["limit"] = limit.ToString(CultureInfo.InvariantCulture), ["cursor"] = nextCursor });
        http.Response.Headers.Link = $"<{query}>; rel=\"next\"";
    }

    private static bool TryDecode(string cursor, out long id)
    {
        id = 0;
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out id)
                && id > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
