using System.ComponentModel.DataAnnotations;
using System.Net;
using Coo.Host.Composition;
using Coo.Shared.Infrastructure.Configuration;
using Coo.Shared.Infrastructure.Web;

namespace Coo.Host.RateLimiting;

/// <summary>How many requests one partition (a user, a client IP, a username) may make per window.</summary>
internal sealed class RateLimitPolicySettings
{
    public RateLimitPolicySettings()
    {
    }

    public RateLimitPolicySettings(int permitLimit, TimeSpan window) => (PermitLimit, Window) = (permitLimit, window);

    [Range(1, 1_000_000_000)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; }
}

/// <summary>The <c>RateLimits</c> section: the limits of every policy, and how the shared Redis counters are used.</summary>
internal sealed record RateLimitSettings(
    RedisCounterSettings Redis,
    IReadOnlyDictionary<string, RateLimitPolicySettings> Policies,
    RateLimitPolicySettings SignInPerUsername)
{
    public const string Section = "RateLimits";

    /// <summary>Section of the second sign-in limit, per submitted username.</summary>
    public const string SignInPerUsernameSection = "SignInPerUsername";

    /// <summary>Ten guesses per username in 15 minutes, however many IPs they come from.</summary>
    private static readonly RateLimitPolicySettings SignInPerUsernameDefault = new(10, TimeSpan.FromMinutes(15));

    /// <summary>
    /// Every policy the host enforces: the platform's and those the loaded modules declare, each with its default
    /// in code, so that a host started without appsettings.json limits exactly the same.
    /// </summary>
    public static IReadOnlyList<RateLimitPolicy> Declared { get; } =
        [.. RateLimitPolicies.All, .. CooModules.All.SelectMany(module => module.RateLimitPolicies)];

    /// <summary>Every section that holds limits, e.g. for tests that raise them all.</summary>
    public static IEnumerable<string> LimitSections => Declared.Select(p => p.Section).Append(SignInPerUsernameSection);

    public static RateLimitSettings Read(IConfiguration configuration) => Read(configuration, Declared);

    public static RateLimitSettings Read(IConfiguration configuration, IReadOnlyList<RateLimitPolicy> policies)
    {
        foreach (var name in policies.GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            throw new InvalidConfigurationException($"Two rate-limit policies are named '{name}': each module declares names of its own.");
        }

        foreach (var section in policies.Select(p => p.Section).Append(SignInPerUsernameSection)
                     .GroupBy(s => s, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            throw new InvalidConfigurationException($"Two rate-limit policies read the section {Section}:{section}: each needs its own.");
        }

        return new(
            ValidatedSettings.Read<RedisCounterSettings>(configuration, Section),
            policies.ToDictionary(
                p => p.Name,
                p => ValidatedSettings.Read(configuration, $"{Section}:{p.Section}", new RateLimitPolicySettings(p.PermitLimit, p.Window)),
                StringComparer.Ordinal),
            ValidatedSettings.Read(
                configuration,
                $"{Section}:{SignInPerUsernameSection}",
                new RateLimitPolicySettings(SignInPerUsernameDefault.PermitLimit, SignInPerUsernameDefault.Window)));
    }
}

/// <summary><c>RateLimits:RedisKeyPrefix</c> and <c>RateLimits:RedisTimeout</c>, used when Redis is configured.</summary>
internal sealed class RedisCounterSettings
{
    /// <summary>Prefix of every counter's key, so that several deployments (or test runs) can share one Redis.</summary>
    [Required]
    [MinLength(1)]
    public string RedisKeyPrefix { get; set; } = "coo:rate-limit:";

    /// <summary>A Redis answer slower than this is not waited for: the request is counted in this instance's memory.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often an instance adds its admissions to the shared counts and learns the others': the tolerance of a limit across instances.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan ShareInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> is believed (<c>ForwardedHeaders:KnownProxies</c> addresses and
/// <c>ForwardedHeaders:KnownNetworks</c> CIDR ranges). None by default: a client could otherwise pick any IP it likes
/// and escape its per-IP limits.
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    public bool TrustsAnyProxy => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    public static ForwardedHeadersSettings Read(IConfiguration configuration)
    {
        var settings = ValidatedSettings.Read<ForwardedHeadersSettings>(configuration, Section);
        foreach (var proxy in settings.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            throw new InvalidConfigurationException($"{Section}:KnownProxies '{proxy}' is not an IP address.");
        }

        foreach (var network in settings.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            throw new InvalidConfigurationException($"{Section}:KnownNetworks '{network}' is not a CIDR range such as 10.0.0.0/8.");
        }

        return settings;
    }
}
