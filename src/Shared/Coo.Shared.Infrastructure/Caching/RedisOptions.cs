using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Coo.Shared.Infrastructure.Caching;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>Longest wait for one Redis operation before the caller falls back to the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long every Redis call in a row must have failed before Redis is bypassed: a shorter burst of timeouts (the
    /// machine busy for a moment) is waited out call by call instead of sending every read to the database.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BreakAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After repeated failures Redis is left alone this long before it is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest an instance keeps its own copy of a cached entity (<see cref="NearCache"/>); changes drop it at once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan NearCacheTimeToLive { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most entities an instance keeps its own copy of, so that its memory stays bounded.</summary>
    [Range(1_000, 10_000_000)]
    public long NearCacheEntries { get; set; } = 100_000;

    /// <summary>Starts every key Coo writes (<c>coo:</c>), so that several deployments or test runs can share one Redis.</summary>
    [RegularExpression("^[A-Za-z0-9:_.-]{1,100}$")]
    public string KeyPrefix { get; set; } = "coo:";

    /// <summary>Whether <c>ConnectionStrings:Redis</c> is given: server mode shares its caches and limits through Redis.</summary>
    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));
}
