namespace Coo.IntegrationTests.Coos;

/// <summary>The coo a reply answers, as every coo names it.</summary>
public sealed record RepliedTo(string Id, Author Author);

/// <summary>A coo's fields that replies and threads are about.</summary>
public sealed record ReplyItem(string Id, string Text, Author Author, RepliedTo? InReplyTo, int RepliesCount);

/// <summary>One place in a thread: a coo, or a deleted one that keeps the thread's shape.</summary>
public sealed record ThreadEntry(string Id, int Depth, bool Deleted, ReplyItem? Coo);

public sealed record ThreadPage(List<ThreadEntry> Items, string? NextCursor);

public static class ThreadApi
{
    public static async Task<HttpResponseMessage> ReplyAsync(this HttpClient client, TestUser user, string inReplyToId, string text) =>
        await client.SendAsAsync(HttpMethod.Post, "/api/v1/coos", user.Tokens.AccessToken, new { text, inReplyToId });

    public static async Task<ReplyItem> ReplyOkAsync(this HttpClient client, TestUser user, string inReplyToId, string text)
    {
        using var response = await client.ReplyAsync(user, inReplyToId, text);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReplyItem>())!;
    }

    public static async Task<ReplyItem> ReplyItemAsync(this HttpClient client, string cooId)
    {
        using var response = await client.GetAsync($"/api/v1/coos/{cooId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReplyItem>())!;
    }

    /// <summary>Polls the coo until its replies count is <paramref name="count"/>: replies are counted by a consumer.</summary>
    public static Task<ReplyItem> RepliesCountBecomesAsync(this HttpClient client, string cooId, int count) =>
        Eventually.MatchAsync(() => client.ReplyItemAsync(cooId), coo => coo.RepliesCount == count, what: $"coo {cooId} to count {count} replies");

    /// <summary>The whole thread of a coo, <paramref name="pageSize"/> entries a page.</summary>
    public static async Task<List<ThreadEntry>> WholeThreadAsync(this HttpClient client, string cooId, int pageSize = 100)
    {
        var all = new List<ThreadEntry>();
        string? cursor = null;
        do
        {
            var page = await client.ThreadPageAsync(cooId, pageSize, cursor);
            Assert.True(page.Items.Count <= pageSize);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    public static async Task<ThreadPage> ThreadPageAsync(this HttpClient client, string cooId, int pageSize, string? cursor = null)
    {
        var url = $"/api/v1/coos/{cooId}/thread?limit={pageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ThreadPage>())!;
    }

    /// <summary>A thread as "depth text" lines, a deleted coo as "depth (deleted)": its shape at a glance.</summary>
    public static List<string> Shape(this IEnumerable<ThreadEntry> thread) =>
        [.. thread.Select(e => e.Deleted ? $"{e.Depth} (deleted)" : $"{e.Depth} {e.Coo!.Text}")];
}
