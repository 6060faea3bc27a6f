using Coo.Shared.Infrastructure.Web;

namespace Coo.Modules.OAuth;

/// <summary>The rate-limit policies of this module's endpoints (settings under <c>RateLimits:RegisteringApps</c>).</summary>
internal static class OAuthRateLimits
{
    /// <summary>Registering client applications, per client IP: as creating accounts, each one is a row kept for good.</summary>
    public static readonly RateLimitPolicy RegisteringApps = new("registering-apps", "RegisteringApps", 20, TimeSpan.FromHours(1));
}
