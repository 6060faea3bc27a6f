using System.Text.Json;
using Coo.Host.RateLimiting;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Web;
using Microsoft.Extensions.Configuration;

namespace Coo.IntegrationTests.RateLimiting;

/// <summary>A wrong or missing limit stops the host at start with one line naming the setting.</summary>
[Collection(SerialCollection.Name)]
public sealed class RateLimitSettingsTests
{
    [Theory]
    [InlineData("RateLimits:Posting:PermitLimit", "0", "RateLimits:Posting:PermitLimit")]
    [InlineData("RateLimits:Reads:Window", "00:00:00", "RateLimits:Reads:Window")]
    [InlineData("RateLimits:SignInPerUsername:PermitLimit", "-1", "RateLimits:SignInPerUsername:PermitLimit")]
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

        Assert.Equal(RateLimitSettings.Declared.Count, settings.Policies.Count);
        Assert.All(settings.Policies.Values, p => Assert.Equal(7, p.PermitLimit));
        Assert.Equal(TimeSpan.FromMinutes(1), settings.SignInPerUsername.Window);
    }

    [Fact]
    public void Without_a_configuration_file_every_limit_is_the_one_appsettings_json_documents()
    {
        var file = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryRoot.Path, "src", "Coo.Host", "appsettings.json")).Build();

        var fromCode = RateLimitSettings.Read(new ConfigurationBuilder().Build());
        var fromFile = RateLimitSettings.Read(file);

        Assert.Equal(JsonSerializer.Serialize(fromFile), JsonSerializer.Serialize(fromCode));
        Assert.Equal(300, fromCode.Policies[RateLimitPolicies.Reads.Name].PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(15), fromCode.SignInPerUsername.Window);
    }

    [Fact]
    public void A_limit_given_only_in_part_keeps_the_default_of_the_other_part()
    {
        var settings = RateLimitSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("RateLimits:Posting:PermitLimit", (string?)"5")]).Build());

        Assert.Equal(5, settings.Policies["posting"].PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.Policies["posting"].Window);
        Assert.Equal(30, settings.Policies["following"].PermitLimit);
    }

    [Fact]
    public void Every_module_declares_its_own_policies_and_the_host_reads_them_under_their_section()
    {
        var gadgets = new RateLimitPolicy("gadgets", "Gadgets", 12, TimeSpan.FromMinutes(5));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create("RateLimits:Gadgets:PermitLimit", (string?)"4")]).Build();

        var settings = RateLimitSettings.Read(configuration, [.. RateLimitSettings.Declared, gadgets]);

        Assert.Equal(4, settings.Policies["gadgets"].PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.Policies["gadgets"].Window);
        Assert.Contains(RateLimitSettings.Declared, p => p is { Name: "posting", Section: "Posting" });
        Assert.Contains(RateLimitSettings.Declared, p => p is { Name: "following", Section: "Following" });
    }

    [Fact]
    public void Two_policies_with_one_name_stop_the_host_at_start()
    {
        var copy = new RateLimitPolicy("posting", "MorePosting", 1, TimeSpan.FromMinutes(1));

        var error = Assert.Throws<InvalidConfigurationException>(() => RateLimitSettings.Read(Configuration(), [.. RateLimitSettings.Declared, copy]));

        Assert.Equal("Two rate-limit policies are named 'posting': each module declares names of its own.", error.Message);
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
