using Coo.Shared.Infrastructure.Web;

namespace Coo.Modules.Media;

/// <summary>The rate-limit policies of this module's endpoints (settings under <c>RateLimits:Uploading</c>).</summary>
internal static class MediaRateLimits
{
    /// <summary>Uploading images, per signed-in user: each is decoded and re-encoded, the costliest request there is.</summary>
    public static readonly RateLimitPolicy Uploading = new("uploading", "Uploading", 30, TimeSpan.FromMinutes(5));
}
