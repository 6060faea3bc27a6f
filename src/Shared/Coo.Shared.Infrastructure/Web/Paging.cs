using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>A page of a list, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset pagination over time-ordered ids. Cursors are opaque and verified (<see cref="CursorProtector"/>): one the
/// API did not hand out for that list — built by hand, tampered with, or from another list — is a 400, never a 500.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

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
            if (http.RequestServices.GetRequiredService<CursorProtector>().TryUnprotect(ListOf(http), cursor, out var id))
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
        var nextCursor = http.RequestServices.GetRequiredService<CursorProtector>().Protect(ListOf(http), key(page[^1]));
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

        http.Response.Headers.Link = string.Create(
            CultureInfo.InvariantCulture,
            $"<{baseUrl}{http.Request.Path}?limit={limit}{OtherParameters(http.Request, "limit", "cursor")}&cursor={Uri.EscapeDataString(nextCursor)}>; rel=\"next\"");
    }

    /// <summary>
    /// The request's query parameters but <paramref name="paging"/> (in any case, as the query reads them), as
    /// <c>&amp;name=value</c> pairs: a link to the next page keeps the request's filters (<c>kind=like</c>).
    /// </summary>
    public static string OtherParameters(HttpRequest request, params string[] paging)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Concat(request.Query
            .Where(parameter => !paging.Contains(parameter.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(parameter => parameter.Value.Select(value => $"&{Uri.EscapeDataString(parameter.Key)}={Uri.EscapeDataString(value ?? "")}")));
    }

    /// <summary>
    /// The list a cursor belongs to: its path (<c>/api/v1/users/ada/followers</c>, not another user's), in lower case as
    /// routes match it.
    /// </summary>
    private static string ListOf(HttpContext http) => http.Request.Path.Value?.ToLowerInvariant() ?? "";
}
