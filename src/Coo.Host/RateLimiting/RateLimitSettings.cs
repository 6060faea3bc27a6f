using System.ComponentModel.DataAnnotations;
using System.Net;
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

    /// <summary>
    /// Policy name → its configuration section under <c>RateLimits</c> and its default limit. The defaults live here,
    /// not only in appsettings.json, so that a host started without that file limits exactly the same.
    /// </summary>
    private static readonly Dictionary<string, (string Section, int PermitLimit, TimeSpan Window)> PolicyDefaults = new(StringComparer.Ordinal)
    {
        [RateLimitPolicies.Posting] = ("Posting", 30, TimeSpan.FromMinutes(1)),
        [RateLimitPolicies.Following] = ("Following", 30, TimeSpan.FromMinutes(1)),
        [RateLimitPolicies.SignIn] = ("SignIn", 30, TimeSpan.FromMinutes(1)),
        [RateLimitPolicies.Sessions] = ("Sessions", 60, TimeSpan.FromMinutes(1)),
        [RateLimitPolicies.Registering] = ("Registering", 20, TimeSpan.FromHours(1)),
        [RateLimitPolicies.Reads] = ("Reads", 300, TimeSpan.FromMinutes(1)),
        [RateLimitPolicies.Analytics] = ("Analytics", 60, TimeSpan.FromMinutes(1)),
    };

    /// <summary>Ten guesses per username in 15 minutes, however many IPs they come from.</summary>
    private static readonly (int PermitLimit, TimeSpan Window) SignInPerUsernameDefault = (10, TimeSpan.FromMinutes(15));

    /// <summary>Every section that holds limits, e.g. for tests that raise them all.</summary>
    public static IEnumerable<string> LimitSections => PolicyDefaults.Values.Select(p => p.Section).Append(SignInPerUsernameSection);

    public static RateLimitSettings Read(IConfiguration configuration) => new(
        ValidatedSettings.Read<RedisCounterSettings>(configuration, Section),
        PolicyDefaults.ToDictionary(
            p => p.Key,
            p => ValidatedSettings.Read(configuration, $"{Section}:{p.Value.Section}", new RateLimitPolicySettings(p.Value.PermitLimit, p.Value.Window)),
            StringComparer.Ordinal),
        ValidatedSettings.Read(
            configuration,
            $"{Section}:{SignInPerUsernameSection}",
            new RateLimitPolicySettings(SignInPerUsernameDefault.PermitLimit, SignInPerUsernameDefault.Window)));
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
