namespace Coo.IntegrationTests.Users;

/// <summary>An account locked by failed sign-ins opens again by itself: the lock lasts 15 minutes, not for ever.</summary>
[Collection(SerialCollection.Name)]
public sealed class LockoutTests(ClockedHosts hosts) : IClassFixture<ClockedHosts>
{
    [Theory, Providers]
    public async Task A_locked_account_signs_in_with_the_right_password_once_its_fifteen_minutes_are_over(TestProvider provider)
    {
        using var client = hosts.NewClient(provider);
        using var _ = await client.RegisterAsync("locked");
        for (var i = 1; i <= 5; i++)
        {
            using var failed = await client.SignInAsync("locked", "wrong password " + i);
        }

        using var whileLocked = await client.SignInAsync("locked");
        hosts.Clock.Advance(TimeSpan.FromMinutes(14));
        using var aMinuteBefore = await client.SignInAsync("locked");
        hosts.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        using var after = await client.SignInAsync("locked");

        Assert.Equal(HttpStatusCode.TooManyRequests, whileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, aMinuteBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
