using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coo.IntegrationTests.Infrastructure;

public sealed record Profile(string Id, string Username, string? Email, string DisplayName, string Bio, DateTimeOffset CreatedAt);

public sealed record Tokens(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

public sealed record TestUser(string Id, string Username, string Email, string Password, Tokens Tokens);

public static class ApiClientExtensions
{
    public const string Password = "a long enough pass phrase";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string username, string? email = null, string password = Password, string? displayName = null) =>
        client.PostAsJsonAsync("/api/v1/users", new { username, email = email ?? $"{username}@example.com", password, displayName });

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string username, string password = Password) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });

    /// <summary>Registers and signs in a user, asserting both succeed.</summary>
    public static async Task<TestUser> CreateUserAsync(this HttpClient client, string username)
    {
        using var registered = await client.RegisterAsync(username);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var profile = await registered.Content.ReadFromJsonAsync<Profile>();
        using var signedIn = await client.SignInAsync(username);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var tokens = await signedIn.Content.ReadFromJsonAsync<Tokens>();
        return new TestUser(profile!.Id, username, profile.Email!, Password, tokens!);
    }

    public static HttpRequestMessage Authorized(this HttpRequestMessage request, string accessToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    /// <summary>Returns once the headers are in: the body is read when asked for, so an endless stream's answer returns too.</summary>
    public static async Task<HttpResponseMessage> SendAsAsync(this HttpClient client, HttpMethod method, string url, string? accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (accessToken is not null)
        {
            request.Authorized(accessToken);
        }

        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed record Author(string Id, string Username, string DisplayName);

public sealed record CooItem(string Id, string Text, DateTimeOffset CreatedAt, Author Author);

public sealed record CooPage(List<CooItem> Items, string? NextCursor);

public static class CooApiExtensions
{
    /// <summary>The address of a response's first <c>Link</c> (the next page, where there is one).</summary>
    public static string FirstLinkTarget(this HttpResponseMessage response) =>
        string.Join(',', response.Headers.GetValues("Link")).Split(">;")[0].TrimStart('<');

    public static async Task<HttpResponseMessage> PostCooAsync(this HttpClient client, TestUser user, string text, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/coos") { Content = JsonContent.Create(new { text }) };
        request.Authorized(user.Tokens.AccessToken);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<CooItem> PostCooOkAsync(this HttpClient client, TestUser user, string text)
    {
        using var response = await client.PostCooAsync(user, text);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CooItem>())!;
    }
}

public sealed record PublicProfile(
    string Id, string Username, string DisplayName, string Bio, int FollowersCount, int FollowingCount, int CoosCount, bool? FollowedByYou);

public sealed record UserItem(string Id, string Username, string DisplayName);

public sealed record UserPage(List<UserItem> Items, string? NextCursor);

public static class SocialApiExtensions
{
    public static async Task FollowOkAsync(this HttpClient client, TestUser follower, string followee)
    {
        using var response = await client.SendAsAsync(HttpMethod.Put, $"/api/v1/users/{followee}/follow", follower.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public static async Task UnfollowOkAsync(this HttpClient client, TestUser follower, string followee)
    {
        using var response = await client.SendAsAsync(HttpMethod.Delete, $"/api/v1/users/{followee}/follow", follower.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public static async Task<PublicProfile> ProfileAsync(this HttpClient client, string username, TestUser? viewer = null)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/users/{username}", viewer?.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PublicProfile>())!;
    }

    public static async Task<CooPage> HomePageAsync(this HttpClient client, TestUser user, int limit = 20, string? cursor = null)
    {
        var url = $"/api/v1/users/me/timeline?limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}");
        using var response = await client.SendAsAsync(HttpMethod.Get, url, user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CooPage>())!;
    }

    /// <summary>Every coo on the user's home timeline, following cursors to the end.</summary>
    public static async Task<List<CooItem>> WholeHomeTimelineAsync(this HttpClient client, TestUser user, int limit = 100)
    {
        var all = new List<CooItem>();
        string? cursor = null;
        do
        {
            var page = await client.HomePageAsync(user, limit, cursor);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>Polls the home timeline until it holds exactly these coo texts, newest first.</summary>
    public static Task<List<CooItem>> HomeTimelineBecomesAsync(this HttpClient client, TestUser user, params string[] texts) =>
        Eventually.MatchAsync(
            () => client.WholeHomeTimelineAsync(user),
            items => items.Select(c => c.Text).SequenceEqual(texts),
            what: $"{user.Username}'s home timeline to be [{string.Join(", ", texts)}]");
}

/// <summary>A coo's reaction fields as the API returns them to one viewer.</summary>
public sealed record ReactedCoo(string Id, int LikesCount, int RepostsCount, bool LikedByYou, bool RepostedByYou);

public static class ReactionApiExtensions
{
    /// <summary><paramref name="method"/> PUT reacts, DELETE takes the reaction back; <paramref name="kind"/> is like or repost.</summary>
    public static async Task<ReactedCoo> ReactOkAsync(this HttpClient client, HttpMethod method, TestUser user, string cooId, string kind)
    {
        using var response = await client.SendAsAsync(method, $"/api/v1/coos/{cooId}/{kind}", user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReactedCoo>())!;
    }

    public static async Task<ReactedCoo> ReactedCooAsync(this HttpClient client, string cooId, TestUser? viewer)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, $"/api/v1/coos/{cooId}", viewer?.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReactedCoo>())!;
    }

    public static async Task<List<ReactedCoo>> ReactedPageAsync(this HttpClient client, string url, TestUser? viewer)
    {
        using var response = await client.SendAsAsync(HttpMethod.Get, url, viewer?.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReactedPage>())!.Items;
    }

    /// <summary>Every item of a paged list, following cursors to the end, <paramref name="pageSize"/> at a time.</summary>
    public static async Task<List<T>> WholeListAsync<T>(this HttpClient client, string url, int pageSize, TestUser? viewer = null)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var pageUrl = $"{url}?limit={pageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await client.SendAsAsync(HttpMethod.Get, pageUrl, viewer?.Tokens.AccessToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadFromJsonAsync<ListPage<T>>())!;
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    private sealed record ReactedPage(List<ReactedCoo> Items);

    private sealed record ListPage<T>(List<T> Items, string? NextCursor);
}
