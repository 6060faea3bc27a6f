using Coo.Host.RateLimiting;
using Coo.Shared.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace Coo.IntegrationTests.RateLimiting;

/// <summary>A wrong or missing limit stops the host at start with one line naming the setting.</summary>
public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("RateLimits:Posting:PermitLimit", "0", "RateLimits:Posting:PermitLimit")]
    [InlineData("RateLimits:Reads:Window", "00:00:00", "RateLimits:Reads:Window")]
    [InlineData("RateLimits:SignInPerUsername:PermitLimit", null, "RateLimits:SignInPerUsername:PermitLimit")]
    [InlineData("RateLimits:RedisTimeout", "00:01:00", "RateLimits:RedisTimeout")]
    public void An_invalid_limit_is_named(string key, string? value, string named)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => RateLimitSettings.Read(Configuration((key, value))));

        Assert.StartsWith(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_limits_are_read_for_every_policy()
    {
        var settings = RateLimitSettings.Read(Configuration());

        Assert.Equal(7, settings.Policies.Count);
        Assert.All(settings.Policies.Values, p => Assert.Equal(7, p.PermitLimit));
        Assert.Equal(TimeSpan.FromMinutes(1), settings.SignInPerUsername.Window);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.internal", "ForwardedHeaders:KnownProxies 'proxy.internal' is not an IP address.")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks '10.0.0.0' is not a CIDR range such as 10.0.0.0/8.")]
    public void An_invalid_trusted_proxy_is_named(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => ForwardedHeadersSettings.Read(Configuration((key, value))));

        Assert.Equal(message, error.Message);
    }

    /// <summary>Every limit set to 7 per minute, then the given changes (a null value removes the key).</summary>
    private static IConfiguration Configuration(params (string Key, string? Value)[] changes)
    {
        var values = RateLimitSettings.LimitSections
            .SelectMany(section => new[]
            {
                KeyValuePair.Create($"RateLimits:{section}:PermitLimit", (string?)"7"),
                KeyValuePair.Create($"RateLimits:{section}:Window", (string?)"00:01:00"),
            })
            .ToDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values.Where(v => v.Value is not null)).Build();
    }
}
