using Coo.Shared.Infrastructure.Web;

namespace Coo.Modules.Coos;

/// <summary>The rate-limit policies of this module's endpoints (settings under <c>RateLimits:Posting</c> and <c>RateLimits:Pinning</c>).</summary>
internal static class CoosRateLimits
{
    /// <summary>Posting a coo, per signed-in user.</summary>
    public static readonly RateLimitPolicy Posting = new("posting", "Posting", 30, TimeSpan.FromMinutes(1));

    /// <summary>Pinning and unpinning a coo, per signed-in user.</summary>
    public static readonly RateLimitPolicy Pinning = new("pinning", "Pinning", 30, TimeSpan.FromMinutes(1));
}
