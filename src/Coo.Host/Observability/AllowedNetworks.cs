using System.Net;
using Coo.Shared.Infrastructure.Configuration;

namespace Coo.Host.Observability;

/// <summary>CIDR ranges whose callers may read operational details (metrics, readiness) without a credential.</summary>
internal sealed class AllowedNetworks(IReadOnlyList<System.Net.IPNetwork> networks)
{
    /// <param name="setting">The setting's name, for the error that names a malformed range.</param>
    public static AllowedNetworks Parse(IEnumerable<string> ranges, string setting) =>
        new([.. ranges.Select(text => System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidConfigurationException($"{setting} '{text}' is not a CIDR range such as 10.0.0.0/8."))]);

    /// <summary>The client IP as seen after <c>ForwardedHeaders</c> (an IPv4 client on a dual-stack socket counts as IPv4).</summary>
    public bool Contain(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(network => network.Contains(ip));
    }
}
