using System.Security.Claims;

namespace Coo.Host.Composition;

/// <summary>The operators: signed-in users named in <c>Admin:Usernames</c> (read on each check, so a reload applies).</summary>
internal static class AdminUsers
{
    public static bool Includes(ClaimsPrincipal user, IConfiguration configuration)
    {
        var admins = configuration.GetSection("Admin:Usernames").Get<string[]>() ?? [];
        return user.Identity is { IsAuthenticated: true, Name: { } name }
            && admins.Contains(name, StringComparer.OrdinalIgnoreCase);
    }
}
