namespace Coo.IntegrationTests.Infrastructure;

/// <summary>How tests get an administrator: the one place to change when the way administration is granted changes.</summary>
public static class Admins
{
    /// <summary>Registers and signs in the administrator the test host is configured with.</summary>
    public static Task<TestUser> CreateAdminAsync(this HttpClient client) => client.CreateUserAsync(CooApiFactory.AdminUsername);
}
