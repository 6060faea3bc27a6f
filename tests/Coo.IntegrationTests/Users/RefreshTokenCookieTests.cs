using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace Coo.IntegrationTests.Users;

/// <summary>
/// The web client's flow: the refresh token lives in an HttpOnly cookie. Clients here keep no cookie jar: tests read
/// <c>Set-Cookie</c> and send <c>Cookie</c> themselves, so every cookie the host sets is seen and checked.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RefreshTokenCookieTests(ApiFixture fixture)
{
    private const string CookieName = "coo_refresh";
    private const string CookiePath = "/api/v1/auth";

    [Theory, Providers]
    public async Task Signing_in_with_useCookie_sets_an_HttpOnly_SameSite_Strict_cookie_and_keeps_the_token_out_of_the_JSON(TestProvider provider)
    {
        using var client = await StartClientAsync(provider);
        using var _ = await client.RegisterAsync("webby");

        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "webby", password = ApiClientExtensions.Password, useCookie = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out var _), "the refresh token must not reach JavaScript");
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(900, body.GetProperty("expiresIn").GetInt32());
        var cookie = RefreshCookie(response);
        Assert.False(string.IsNullOrEmpty(cookie.Value.Value));
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal(CookiePath, cookie.Path.Value);
        Assert.Equal(TimeSpan.FromDays(30), cookie.MaxAge);
        Assert.True(cookie.Secure, "outside Development the cookie is Secure by default");
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", body.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory, Providers]
    public async Task Refreshing_with_the_cookie_rotates_it_and_returns_a_working_access_token(TestProvider provider)
    {
        using var client = await StartClientAsync(provider);
        var first = await SignInWithCookieAsync(client, "rotor");

        using var refreshed = await PostWithCookieAsync(client, "/api/v1/auth/refresh", first);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True(refreshed.Headers.CacheControl?.NoStore);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out var _));
        var rotated = RefreshCookie(refreshed);
        Assert.NotEqual(first, rotated.Value.Value);
        Assert.True(rotated.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, rotated.SameSite);
        Assert.Equal(CookiePath, rotated.Path.Value);
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", body.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory, Providers]
    public async Task Signing_out_with_the_cookie_revokes_the_session_and_clears_the_cookie(TestProvider provider)
    {
        using var client = await StartClientAsync(provider);
        var token = await SignInWithCookieAsync(client, "leaver");

        using var logout = await PostWithCookieAsync(client, "/api/v1/auth/logout", token);
        using var refresh = await PostWithCookieAsync(client, "/api/v1/auth/refresh", token);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.True(logout.Headers.CacheControl?.NoStore);
        AssertCookieCleared(logout);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Theory, Providers]
    public async Task The_JSON_flow_is_unchanged_and_a_token_in_the_body_wins_over_a_cookie(TestProvider provider)
    {
        using var client = await StartClientAsync(provider);
        var user = await client.CreateUserAsync("mobile");
        var webToken = await SignInWithCookieAsync(client, "mobile");

        using var refreshed = await PostWithCookieAsync(client, "/api/v1/auth/refresh", webToken, new { refreshToken = user.Tokens.RefreshToken });
        using var signedIn = await client.SignInAsync("mobile");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(refreshed.Headers.Contains("Set-Cookie"));
        var tokens = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        Assert.NotEqual(user.Tokens.RefreshToken, tokens.RefreshToken);
        Assert.False(signedIn.Headers.Contains("Set-Cookie"));
        Assert.True(signedIn.Headers.CacheControl?.NoStore);
        Assert.False(string.IsNullOrEmpty((await signedIn.Content.ReadFromJsonAsync<Tokens>())!.RefreshToken));

        // The web session was not touched by the body's rotation.
        using var web = await PostWithCookieAsync(client, "/api/v1/auth/refresh", webToken);
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
    }

    [Theory, Providers]
    public async Task Refreshing_with_neither_a_body_token_nor_a_cookie_is_the_usual_400(TestProvider provider)
    {
        using var client = await StartClientAsync(provider);

        using var response = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:coo:problem:validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("refreshToken", out var _));
    }

    [Fact]
    public async Task The_cookie_is_not_Secure_when_Auth_SecureCookie_is_false()
    {
        await using var factory = new CooApiFactory(TestProvider.Sqlite) { Settings = { ["Auth:SecureCookie"] = "false" } };
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var _ = await client.RegisterAsync("plain");

        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "plain", password = ApiClientExtensions.Password, useCookie = true });

        var cookie = RefreshCookie(response);
        Assert.False(cookie.Secure);
        Assert.True(cookie.HttpOnly);
    }

    private async Task<HttpClient> StartClientAsync(TestProvider provider) =>
        (await fixture.StartAsync(provider)).CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    /// <summary>Registers and signs in with <c>useCookie</c>; returns the cookie's refresh token.</summary>
    private static async Task<string> SignInWithCookieAsync(HttpClient client, string username)
    {
        using var registered = await client.RegisterAsync(username);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = ApiClientExtensions.Password, useCookie = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return RefreshCookie(response).Value.Value!;
    }

    private static async Task<HttpResponseMessage> PostWithCookieAsync(HttpClient client, string url, string refreshToken, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
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
        Assert.Equal(CookiePath, cookie.Path.Value);
    }
}
