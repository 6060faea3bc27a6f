using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coo.IntegrationTests.Security;

/// <summary>Outside Development a browser opens the jobs dashboard with a short-lived cookie an administrator asked for.</summary>
[Collection(ApiCollection.Name)]
public sealed class JobsDashboardSessionTests(ApiFixture fixture)
{
    private const string SessionUrl = "/api/v1/admin/dashboard-session";
    private const string CookieName = "coo_jobs_dashboard";

    [Fact]
    public async Task Only_an_admin_gets_a_dashboard_session()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = Client(factory);
        var user = await client.CreateUserAsync("uma");

        using var anonymous = await client.PostAsync(SessionUrl, content: null);
        using var notAdmin = await client.SendAsAsync(HttpMethod.Post, SessionUrl, user.Tokens.AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.False(anonymous.Headers.Contains("Set-Cookie") || notAdmin.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_session_cookie_is_short_lived_scoped_to_the_dashboard_and_opens_nothing_else()
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = Client(factory);
        var admin = await client.CreateAdminAsync(factory.Services);

        using var started = await client.SendAsAsync(HttpMethod.Post, SessionUrl, admin.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, started.StatusCode);
        var setCookie = started.Headers.GetValues("Set-Cookie").Single();
        var attributes = setCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        var cookie = setCookie.Split(';')[0];

        Assert.StartsWith($"{CookieName}=", cookie, StringComparison.Ordinal);
        Assert.Equal(["httponly", "max-age=600", "path=/hangfire", "samesite=strict", "secure"], attributes.Where(a => !a.StartsWith("expires=", StringComparison.Ordinal)).Order());
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(client, "/hangfire", cookie)).StatusCode);
        foreach (var elsewhere in new[] { "/api/v1/admin/stats", "/metrics", "/api/v1/users/me", "/health/ready" })
        {
            using var response = await GetWithCookieAsync(client, elsewhere, cookie);
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(response.StatusCode == HttpStatusCode.OK && elsewhere != "/health/ready", $"{elsewhere} opened by the cookie");
            Assert.DoesNotContain("checks", body, StringComparison.Ordinal);
        }

        using var asBearer = await client.SendAsAsync(HttpMethod.Get, "/api/v1/admin/stats", cookie[(CookieName.Length + 1)..]);
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("wrong-key")]
    [InlineData("no-admin-role")]
    [InlineData("access-token")]
    [InlineData("alg-none")]
    public async Task An_expired_forged_or_foreign_dashboard_cookie_is_refused(string kind)
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = Client(factory);
        var admin = await client.CreateAdminAsync(factory.Services);
        var token = kind switch
        {
            "access-token" => admin.Tokens.AccessToken,
            "alg-none" => $"{Base64(new { alg = "none", typ = "JWT" })}.{Base64(new { sub = admin.Id, role = "admin", iss = "coo", aud = "coo-jobs-dashboard", exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds() })}.",
            _ => Signed(admin.Id, kind),
        };

        using var response = await GetWithCookieAsync(client, "/hangfire", $"{CookieName}={token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>A client that keeps no cookies of its own, so that each request carries exactly the cookie a test gives.</summary>
    private static HttpClient Client(CooApiFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

    private static async Task<HttpResponseMessage> GetWithCookieAsync(HttpClient client, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static string Signed(string userId, string kind)
    {
        var now = DateTime.UtcNow;
        var key = kind == "wrong-key" ? "another-signing-key-that-is-long-enough-too" : CooApiFactory.SigningKey;
        var claims = new Dictionary<string, object> { ["sub"] = userId };
        if (kind != "no-admin-role")
        {
            claims["role"] = "admin";
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "coo",
            Audience = "coo-jobs-dashboard",
            Claims = claims,
            IssuedAt = now.AddHours(-2),
            NotBefore = now.AddHours(-2),
            Expires = kind == "expired" ? now.AddHours(-1) : now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }

    private static string Base64(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
}
