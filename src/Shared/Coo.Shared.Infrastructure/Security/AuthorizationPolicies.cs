using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>Names of the host's authorization policies, for <c>RequireAuthorization</c> on endpoints.</summary>
public static class AuthorizationPolicies
{
    /// <summary>A signed-in user named in <c>Admin:Usernames</c> (anonymous callers get 401, other users 403).</summary>
    public const string Admin = "admin";

    /// <summary>Adds the <see cref="Admin"/> policy and the <see cref="AdminUsernames"/> it checks, read once at start.</summary>
    public static IServiceCollection AddCooAdminPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        var admins = new AdminUsernames(configuration.GetSection("Admin:Usernames").Get<string[]>() ?? []);
        services.AddSingleton(admins);
        services.AddAuthorizationBuilder().AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => admins.IsAdmin(context.User)));
        return services;
    }
}

/// <summary>The administrators (<c>Admin:Usernames</c>): they may open the jobs dashboard and read the statistics.</summary>
public sealed class AdminUsernames(IEnumerable<string> usernames)
{
    private readonly HashSet<string> _usernames = new(usernames, StringComparer.OrdinalIgnoreCase);

    /// <summary>Usernames are unique without regard to case, so the list is compared that way too.</summary>
    public bool IsAdmin(ClaimsPrincipal user) =>
        user?.Identity is { IsAuthenticated: true, Name: { } name } && _usernames.Contains(name);
}
