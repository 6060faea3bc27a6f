using System.Security.Claims;
using Coo.Shared.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coo.Shared.Infrastructure.Security;

/// <summary>Names of the host's authorization policies, for <c>RequireAuthorization</c> on endpoints.</summary>
public static class AuthorizationPolicies
{
    /// <summary>A signed-in user whose token carries the admin role (anonymous callers get 401, other users 403).</summary>
    public const string Admin = "admin";

    /// <summary>Adds the <see cref="Admin"/> policy.</summary>
    public static IServiceCollection AddCooAdminPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ValidatedSettings.Read<AdminOptions>(configuration, AdminOptions.Section);
        services.AddAuthorizationBuilder().AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(CooRoles.Admin));
        return services;
    }
}

/// <summary>The roles an access token may carry, in its <c>role</c> claim.</summary>
public static class CooRoles
{
    public const string ClaimType = "role";

    /// <summary>May read <c>/admin/stats</c> and <c>/metrics</c>, the full readiness report, and open the jobs dashboard.</summary>
    public const string Admin = "admin";

    public static bool IsAdmin(this ClaimsPrincipal user) =>
        user?.Identity?.IsAuthenticated == true && user.IsInRole(Admin);
}
