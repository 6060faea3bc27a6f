using System.ComponentModel.DataAnnotations;

namespace Coo.Modules.Analytics;

internal sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>How long raw client events are kept before the retention job deletes them (their counts stay).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RawEventRetention { get; set; } = TimeSpan.FromDays(7);
}
