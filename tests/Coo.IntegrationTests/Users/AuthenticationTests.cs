using Coo.Modules.Users.Jobs;
using Coo.Shared.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Users;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiFixture fixture)
{
    [Theory, Providers]
    public async Task Signing_in_by_username_or_email_returns_a_short_lived_access_token_and_a_refresh_token(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        using var _ = await client.RegisterAsync("erin");

        foreach (var login in new[] { "erin", "ERIN", "erin@example.com", "Erin@Example.COM" })
        {
            using var response = await client.SignInAsync(login);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var tokens = (await response.Content.ReadFromJsonAsync<Tokens>())!;
            Assert.Equal("Bearer", tokens.TokenType);
            Assert.Equal(900, tokens.ExpiresIn);
            Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
            using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", tokens.AccessToken);
            Assert.Equal("erin", (await me.Content.ReadFromJsonAsync<Profile>())!.Username);
        }
    }

    [Theory, Providers]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        using var _ = await client.RegisterAsync("frank");

        using var wrong = await client.SignInAsync("frank", "not the password at all");
        using var unknown = await client.SignInAsync("nobody_here");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await wrong.ReadProblemAsync()).GetProperty("type").GetString(), (await unknown.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Theory, Providers]
    public async Task Five_failed_sign_ins_lock_the_account_even_against_the_right_password(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        using var _ = await client.RegisterAsync("grace");

        for (var i = 1; i < 5; i++)
        {
            using var failed = await client.SignInAsync("grace", "wrong password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var fifth = await client.SignInAsync("grace", "wrong password 5");
        using var right = await client.SignInAsync("grace");

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("urn:coo:problem:auth.locked-out", (await right.ReadProblemAsync()).GetProperty("type").GetString());
        var retryAfter = right.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
        Assert.InRange(retryAfter, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
    }

    [Theory, Providers]
    public async Task A_burst_of_parallel_wrong_passwords_still_locks_the_account(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        using var _ = await client.RegisterAsync("burst");

        var guesses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.SignInAsync("burst", $"guess number {i}")));
        using var right = await client.SignInAsync("burst");

        Assert.True(guesses.Count(g => g.StatusCode == HttpStatusCode.Unauthorized) <= 5, "more than five guesses were verified");
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        foreach (var guess in guesses)
        {
            guess.Dispose();
        }
    }

    [Theory, Providers]
    public async Task Refreshing_rotates_the_refresh_token(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var user = await client.CreateUserAsync("heidi");

        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var tokens = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.NotEqual(user.Tokens.RefreshToken, tokens.RefreshToken);
        using var me = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory, Providers]
    public async Task Signing_out_revokes_the_refresh_token_and_is_idempotent(TestProvider provider)
    {
        using var client = (await fixture.StartAsync(provider)).CreateClient();
        var user = await client.CreateUserAsync("karl");

        using var logout = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = user.Tokens.RefreshToken });
        using var again = await client.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = user.Tokens.RefreshToken });
        using var refresh = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Theory, Providers]
    public async Task Expired_refresh_tokens_are_deleted_and_unexpired_ones_kept_used_or_not(TestProvider provider)
    {
        var factory = await fixture.StartAsync(provider);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("lena");
        using var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        var current = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!.RefreshToken;
        var lifetime = factory.Services.GetRequiredService<AuthSettings>().RefreshTokenLifetime;

        await factory.RunJobAsync<ExpiredRefreshTokenCleanupJob>(lifetime - TimeSpan.FromMinutes(1));
        var keptBeforeExpiry = await DatabaseProbe.CountAsync(factory, "refresh_tokens");
        await factory.RunJobAsync<ExpiredRefreshTokenCleanupJob>(lifetime + TimeSpan.FromMinutes(1));
        using var afterExpiry = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = current });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(2, keptBeforeExpiry);
        Assert.Equal(0, await DatabaseProbe.CountAsync(factory, "refresh_tokens"));
        Assert.Equal(HttpStatusCode.Unauthorized, afterExpiry.StatusCode);
    }

    public static TheoryData<string> ForgedTokenKinds => [.. ForgedTokens.Kinds];

    [Theory]
    [MemberData(nameof(ForgedTokenKinds))]
    public async Task Forged_or_expired_access_tokens_are_refused_and_change_nothing(string kind)
    {
        var factory = await fixture.StartAsync(TestProvider.Sqlite);
        using var client = factory.CreateClient();
        var user = await client.CreateUserAsync("mallory");
        var token = ForgedTokens.Create(kind, user.Id);

        using var read = await client.SendAsAsync(HttpMethod.Get, "/api/v1/users/me", token);
        using var write = await client.SendAsAsync(HttpMethod.Patch, "/api/v1/users/me", token, new { bio = "hacked" });

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        using var profile = await client.GetAsync("/api/v1/users/mallory");
        Assert.Equal("", (await profile.Content.ReadFromJsonAsync<Profile>())!.Bio);
    }
}
