using Coo.Shared.Infrastructure.Web;

namespace Coo.Modules.Analytics;

/// <summary>The rate-limit policies of this module's endpoints (settings under <c>RateLimits:Analytics</c>).</summary>
internal static class AnalyticsRateLimits
{
    /// <summary>Reporting client events, per user or client IP.</summary>
    public static readonly RateLimitPolicy Recording = new("analytics", "Analytics", 60, TimeSpan.FromMinutes(1));
}
