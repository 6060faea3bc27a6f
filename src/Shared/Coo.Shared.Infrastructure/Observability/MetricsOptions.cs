using System.ComponentModel.DataAnnotations;

namespace Coo.Shared.Infrastructure.Observability;

/// <summary>Settings of section <c>Metrics</c>: who may scrape <c>/metrics</c>, and how fresh the outbox gauges are.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// CIDR ranges (e.g. <c>10.0.0.0/8</c>) whose callers may scrape <c>/metrics</c> without a credential. Empty by
    /// default; Development adds loopback (<c>appsettings.Development.json</c>).
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>A static bearer token for Prometheus (<c>authorization</c> in its scrape config); none by default.</summary>
    [MinLength(16)]
    public string? ScrapeToken { get; set; }

    /// <summary>How often each module's outbox is counted for the <c>coo.outbox.*</c> gauges.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan OutboxRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
