using Microsoft.AspNetCore.Builder;

namespace Coo.Shared.Infrastructure.Web;

/// <summary>
/// A named rate limit that endpoints opt into: <see cref="PermitLimit"/> requests per <see cref="Window"/> for each
/// partition (the signed-in user, or the client IP). The module that owns the endpoints declares its policies
/// (<see cref="Modules.IModule.RateLimitPolicies"/>) with their defaults; the host reads <c>RateLimits:&lt;Section&gt;</c>
/// over those defaults and enforces every declared policy the same way, so a new module needs no host change.
/// </summary>
/// <param name="Name">The policy's name: part of every counter's key and the <c>policy</c> of the rejection metric.</param>
/// <param name="Section">Its settings section under <c>RateLimits</c>, e.g. <c>Posting</c>.</param>
public sealed record RateLimitPolicy(string Name, string Section, int PermitLimit, TimeSpan Window);

public static class RateLimitPolicyEndpointExtensions
{
    /// <summary>Puts the endpoint(s) under <paramref name="policy"/>.</summary>
    public static TBuilder RequireRateLimiting<TBuilder>(this TBuilder builder, RateLimitPolicy policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(policy);
        return builder.RequireRateLimiting(policy.Name);
    }
}
