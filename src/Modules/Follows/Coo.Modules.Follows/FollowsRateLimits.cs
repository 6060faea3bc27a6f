using Coo.Shared.Infrastructure.Web;

namespace Coo.Modules.Follows;

/// <summary>The rate-limit policies of this module's endpoints (settings under <c>RateLimits:Following</c>).</summary>
internal static class FollowsRateLimits
{
    /// <summary>Following and unfollowing, per signed-in user.</summary>
    public static readonly RateLimitPolicy Following = new("following", "Following", 30, TimeSpan.FromMinutes(1));
}
