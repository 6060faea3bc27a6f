using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace Coo.IntegrationTests.Users;

/// <summary>
/// A just-rotated refresh token presented again within <c>Auth:RefreshReuseGracePeriod</c> (30 s) yields the same
/// successor — two tabs reloading at once stay signed in — while a reuse after it still revokes the whole session.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RefreshGracePeriodTests(ClockedHosts hosts) : IClassFixture<ClockedHosts>
{
    private const string CookieName = "coo_refresh";
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);

    [Theory, Providers]
    public async Task A_token_reused_within_the_grace_period_yields_the_same_successor_and_the_session_lives_on(TestProvider provider)
    {
        using var client = hosts.NewClient(provider);
        var user = await client.CreateUserAsync("twotabs");
        var first = await RefreshAsync(client, user.Tokens.RefreshToken);

        hosts.Clock.Advance(GracePeriod - TimeSpan.FromSeconds(2));
        var again = await RefreshAsync(client, user.Tokens.RefreshToken);

        Assert.Equal(first.RefreshToken, again.RefreshToken);
        Assert.NotEqual(user.Tokens.RefreshToken, again.RefreshToken);
        // The host's clock runs ahead of the token validator's here, so the new access token is checked by its content.
        Assert.NotEqual(first.AccessToken, again.AccessToken);
        Assert.Equal(user.Id, new JsonWebToken(again.AccessToken).Subject);
        var next = await RefreshAsync(client, again.RefreshToken);
        Assert.NotEqual(again.RefreshToken, next.RefreshToken);
    }

    [Theory, Providers]
    public async Task A_token_reused_after_the_grace_period_revokes_the_whole_session(TestProvider provider)
    {
        using var client = hosts.NewClient(provider);
        var user = await client.CreateUserAsync("thief");
        var rotated = await RefreshAsync(client, user.Tokens.RefreshToken);

        hosts.Clock.Advance(GracePeriod + TimeSpan.FromSeconds(1));
        using var replay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        using var afterReplay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = rotated.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("urn:coo:problem:auth.invalid-refresh-token", (await replay.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode);
    }

    [Theory, Providers]
    public async Task Concurrent_uses_of_one_token_all_get_the_same_successor(TestProvider provider)
    {
        using var client = hosts.NewClient(provider);
        var user = await client.CreateUserAsync("racer");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var successors = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<Tokens>())!.RefreshToken));
        Assert.Single(successors.Distinct());
        Assert.Equal(2, await CountTokensAsync(provider, user.Id));
        var next = await RefreshAsync(client, successors[0]);
        Assert.NotEqual(successors[0], next.RefreshToken);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory, Providers]
    public async Task A_signed_out_session_stays_signed_out_within_the_grace_period(TestProvider provider)
    {
        using var client = hosts.NewClient(provider);
        var user = await client.CreateUserAsync("leaving");
        var rotated = await RefreshAsync(client, user.Tokens.RefreshToken);
        using var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = rotated.RefreshToken });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var replay = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
    }

    [Theory, Providers]
    public async Task Two_tabs_refreshing_with_one_cookie_within_the_grace_period_both_get_the_same_new_cookie(TestProvider provider)
    {
        using var client = hosts.NewClient(provider);
        var cookie = await SignInWithCookieAsync(client, "cookietabs");

        using var firstTab = await PostWithCookieAsync(client, cookie);
        hosts.Clock.Advance(TimeSpan.FromSeconds(5));
        using var secondTab = await PostWithCookieAsync(client, cookie);

        Assert.Equal(HttpStatusCode.OK, firstTab.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondTab.StatusCode);
        var successor = RefreshCookie(firstTab).Value.Value!;
        Assert.Equal(successor, RefreshCookie(secondTab).Value.Value);
        Assert.NotEqual(cookie, successor);
        using var next = await PostWithCookieAsync(client, successor);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory, Providers]
    public async Task A_cookie_reused_after_the_grace_period_is_refused_cleared_and_revokes_the_new_one(TestProvider provider)
    {
        using var client = hosts.NewClient(provider);
        var old = await SignInWithCookieAsync(client, "cookiethief");
        using var refreshed = await PostWithCookieAsync(client, old);
        var rotated = RefreshCookie(refreshed).Value.Value!;

        hosts.Clock.Advance(GracePeriod + TimeSpan.FromSeconds(1));
        using var replay = await PostWithCookieAsync(client, old);
        using var afterReplay = await PostWithCookieAsync(client, rotated);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.True(replay.Headers.CacheControl?.NoStore);
        AssertCookieCleared(replay);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReplay.StatusCode);
        AssertCookieCleared(afterReplay);
    }

    private static async Task<Tokens> RefreshAsync(HttpClient client, string refreshToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    private async Task<long> CountTokensAsync(TestProvider provider, string userId)
    {
        var factory = hosts.Factory(provider);
        await using var connection = factory.OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = provider == TestProvider.Sqlite
            ? $"SELECT COUNT(*) FROM users_refresh_tokens WHERE user_id = {userId}"
            : $"SELECT COUNT(*) FROM users.refresh_tokens WHERE user_id = {userId}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> SignInWithCookieAsync(HttpClient client, string username)
    {
        using var registered = await client.RegisterAsync(username);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = ApiClientExtensions.Password, useCookie = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return RefreshCookie(response).Value.Value!;
    }

    private static async Task<HttpResponseMessage> PostWithCookieAsync(HttpClient client, string refreshToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Cookie", $"{CookieName}={refreshToken}");
        return await client.SendAsync(request);
    }

    private static SetCookieHeaderValue RefreshCookie(HttpResponseMessage response)
    {
        var headers = response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        return Assert.Single(SetCookieHeaderValue.ParseList([.. headers]), c => c.Name.Value == CookieName);
    }

    private static void AssertCookieCleared(HttpResponseMessage response)
    {
        var cookie = RefreshCookie(response);
        Assert.Equal("", cookie.Value.Value);
        Assert.True(cookie.Expires < DateTimeOffset.UtcNow, "the cookie must be expired");
    }
}
