using System.Net.Http.Json;
using Coo.Modules.Users.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.IntegrationTests.Infrastructure;

/// <summary>Administrators are made the way an operator makes them: an existing account is granted the role.</summary>
public static class Admins
{
    /// <summary>Grants the admin role through the same request the host's <c>admin grant</c> command sends.</summary>
    public static async Task<AdminRoleChange> SetAdminRoleAsync(this IServiceProvider services, string username, bool isAdmin = true)
    {
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SetAdminRole(username, isAdmin));
        return result.Value;
    }

    /// <summary>Registers an account, grants it the admin role, and signs it in again so that its token carries the role.</summary>
    public static async Task<TestUser> CreateAdminAsync(this HttpClient client, IServiceProvider services, string username = "the_admin")
    {
        var user = await client.CreateUserAsync(username);
        await services.SetAdminRoleAsync(username);
        using var signedIn = await client.SignInAsync(username);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return user with { Tokens = (await signedIn.Content.ReadFromJsonAsync<Tokens>())! };
    }
}
