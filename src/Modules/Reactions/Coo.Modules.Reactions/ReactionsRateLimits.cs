using Coo.Shared.Infrastructure.Web;

namespace Coo.Modules.Reactions;

/// <summary>The rate-limit policies of this module's endpoints (settings under <c>RateLimits:Reacting</c>).</summary>
internal static class ReactionsRateLimits
{
    /// <summary>Liking, reposting and undoing either, per signed-in user.</summary>
    public static readonly RateLimitPolicy Reacting = new("reacting", "Reacting", 120, TimeSpan.FromMinutes(1));
}
