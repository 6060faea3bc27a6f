using Coo.Shared.Infrastructure.Web;

namespace Coo.Modules.Users;

/// <summary>The rate-limit policies of this module's endpoints (settings under <c>RateLimits:Registering</c>).</summary>
internal static class UsersRateLimits
{
    /// <summary>Creating accounts, per client IP.</summary>
    public static readonly RateLimitPolicy Registering = new("registering", "Registering", 20, TimeSpan.FromHours(1));
}
