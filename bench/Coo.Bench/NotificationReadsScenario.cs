using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coo.Bench;

/// <param name="DeepPageAfter">How many groups come before the deep page.</param>
/// <param name="UnreadCount">What <c>unread-count</c> answered (it counts up to 1,000).</param>
internal sealed record NotificationReadsResult(
    NotificationSeed Seed, int Pages, int DeepPageAfter, int UnreadCount, LoadResult FirstPage, LoadResult DeepPage, LoadResult Unread);

/// <summary>Runs wrk on one path as signed-in readers (their tokens in a file), measured and named as ModeRun measures every run.</summary>
internal delegate Task<LoadResult> MeasuredRead(string name, string pathAndQuery, string tokensFile, WarmUp warmUp);

/// <summary>
/// What reading notifications costs a user who has many (<see cref="NotificationSeed"/>, seeded): wrk reads, as that
/// one user, the first page of <c>GET /api/v1/users/me/notifications</c>, the deepest full page by its cursor, and
/// <c>GET /api/v1/users/me/notifications/unread-count</c>, each compared with the ceiling as the home timeline reads are.
/// </summary>
internal static class NotificationReadsScenario
{
    private const int PageSize = 20;

    public static async Task<NotificationReadsResult> RunAsync(ApiClient api, BenchOptions options, NotificationSeed seed, string folder, MeasuredRead measure)
    {
        var recipient = await api.SignInAsync(SeedData.Username(seed.Recipient));
        var tokens = Path.Combine(folder, "notified-user-token.txt");
        await File.WriteAllTextAsync(tokens, recipient.AccessToken);

        // Walks the list as a client scrolling to its end would, keeping the cursor of the last full page.
        var firstPage = $"/api/v1/users/me/notifications?limit={PageSize}";
        var (deepPage, deepPageAfter, pages, seen) = (firstPage, 0, 0, 0);
        for (var url = firstPage; ;)
        {
            var (count, nextCursor) = await PageAsync(api, recipient, url);
            if (count == PageSize)
            {
                (deepPage, deepPageAfter) = (url, seen);
            }

            (pages, seen) = (pages + 1, seen + count);
            if (nextCursor is null)
            {
                break;
            }

            url = $"{firstPage}&cursor={Uri.EscapeDataString(nextCursor)}";
        }

        if (seen != seed.Groups.Count)
        {
            throw new InvalidOperationException($"The notifications list showed {seen} groups of the {seed.Groups.Count} seeded.");
        }

        var unreadCount = await UnreadCountAsync(api, recipient);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  notifications of user{seed.Recipient}: {seed}; {pages} pages of {PageSize}, the deep one after {deepPageAfter:N0} groups; unread-count answers {unreadCount:N0}"));

        // Each warms up as long as the first home timeline run: the deep page's query (with its cursor) and the count
        // are code paths of their own, compiled on their first runs.
        var first = await measure("notifications, first page", firstPage, tokens, WarmUp.UntilJitSettles(options));
        var deep = await measure(string.Create(CultureInfo.InvariantCulture, $"notifications, page after {deepPageAfter:N0} groups"), deepPage, tokens, WarmUp.UntilJitSettles(options));
        var unread = await measure("notifications, unread count", "/api/v1/users/me/notifications/unread-count", tokens, WarmUp.UntilJitSettles(options));
        return new NotificationReadsResult(seed, pages, deepPageAfter, unreadCount, first, deep, unread);
    }

    private static async Task<(int Count, string? NextCursor)> PageAsync(ApiClient api, Account reader, string url)
    {
        using var request = ApiClient.Request(HttpMethod.Get, url, reader);
        using var response = await api.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        var next = page.GetProperty("nextCursor");
        return (page.GetProperty("items").GetArrayLength(), next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    private static async Task<int> UnreadCountAsync(ApiClient api, Account reader)
    {
        using var request = ApiClient.Request(HttpMethod.Get, "/api/v1/users/me/notifications/unread-count", reader);
        using var response = await api.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32();
    }
}
