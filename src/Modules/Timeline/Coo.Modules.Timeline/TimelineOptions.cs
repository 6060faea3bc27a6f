using System.ComponentModel.DataAnnotations;

namespace Coo.Modules.Timeline;

internal sealed class TimelineOptions
{
    public const string Section = "Timeline";

    /// <summary>Entries kept per home timeline; older pages are filled from the authors' own coos.</summary>
    [Range(50, 100_000)]
    public int MaxEntries { get; set; } = 800;

    /// <summary>How many of a newly followed user's recent coos are merged into the follower's timeline.</summary>
    [Range(1, 1_000)]
    public int FollowMergeCount { get; set; } = 200;

    /// <summary>
    /// Followers written per fan-out statement. An author with more followers is fanned out in several batches,
    /// each a background job when the job storage is durable (server mode).
    /// </summary>
    [Range(1, 100_000)]
    public int FanOutBatchSize { get; set; } = 1_000;

    /// <summary>
    /// Hybrid fan-out: an author with more followers than this is not fanned out; their coos are merged into their
    /// followers' timelines when those are read, so one post costs one write however famous its author.
    /// </summary>
    [Range(1, 100_000_000)]
    public int LargeAuthorFollowers { get; set; } = 10_000;

    /// <summary>
    /// How long a newly large author is still fanned out as well. Longer than <see cref="Data.LargeAuthorList.Lifetime"/>,
    /// so that no instance misses their coos while its list of large authors is older than the change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan LargeAuthorSwitchDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a timeline cached in Redis outlives its last read. Fan-out skips timelines not cached, so users away
    /// longer than this cost nothing until they return and their timeline is rebuilt from the database.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan CacheTimeToLive { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// Embedded mode: how many home timelines the process keeps in memory (each up to <see cref="MaxEntries"/> ids,
    /// 8 bytes each); the least recently read ones make room for others.
    /// </summary>
    [Range(1, 10_000_000)]
    public long InProcessTimelines { get; set; } = 20_000;
}
