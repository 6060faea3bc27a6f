using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Coo.Host.Composition;
using Coo.Shared.Infrastructure.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Coo.Host.RateLimiting;

/// <summary>A named policy whose partition is the signed-in user, or the client IP for an anonymous caller.</summary>
internal sealed class ClientPartitionPolicy(string name, RateLimitPolicySettings limits, FailSafeRateLimiterFactory limiters) : IRateLimiterPolicy<string>
{
    /// <summary>The host's common 429 answer, counted under this policy's name.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } =
        (context, cancellationToken) => RateLimitingSetup.RejectAsync(context, name, cancellationToken);

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get($"{name}:{Client(httpContext)}", key => limiters.Create(key, limits));

    /// <summary>
    /// The user id when signed in. Otherwise the IP (as seen after trusted proxies); an IPv6 client is counted by its
    /// /64, since one subscriber is usually handed a whole /64 and could otherwise rotate addresses within it.
    /// </summary>
    public static string Client(HttpContext httpContext)
    {
        if (httpContext.User.FindUserId() is { } userId)
        {
            return $"user:{userId}";
        }

        var ip = httpContext.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "ip:unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return $"ip:{ip.MapToIPv4()}";
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return $"ip:{new IPNetwork(ip, 64).BaseAddress}/64";
        }

        return $"ip:{ip}";
    }
}
