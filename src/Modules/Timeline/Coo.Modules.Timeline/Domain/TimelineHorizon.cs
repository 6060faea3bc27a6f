namespace Coo.Modules.Timeline.Domain;

/// <summary>
/// Where a timeline stops being complete: it holds every entry it should from the position
/// <see cref="CompleteFromCooId"/> on (a coo's or a repost's id: named when only coos had places); older pages are
/// filled from the authors' own coos and the reposters' reposts. Trimming and merging a new followee's recent coos and
/// reposts raise it.
/// </summary>
internal sealed class TimelineHorizon(long ownerId, long completeFromCooId)
{
    public long OwnerId { get; private set; } = ownerId;

    public long CompleteFromCooId { get; private set; } = completeFromCooId;

    /// <summary>The horizon of a timeline that was never trimmed nor partly merged: it is complete.</summary>
    public const long None = 0;

    public static bool IsComplete(long horizon) => horizon == None;

    /// <summary>
    /// Below the horizon a page is filled from the authors' own coos: those older than the cursor when the cursor lies
    /// below the horizon, else those older than the horizon (the stored entries above it were read already).
    /// </summary>
    public static long FillOlderThan(long horizon, long? beforeCooId) =>
        beforeCooId is { } before && before < horizon ? before : horizon;

    /// <summary>
    /// The horizon a merge of a new followee's newest coos leaves (ids newest first): when the merge took as many as
    /// it may, the followee may have older coos that were not merged, so the timeline is complete only from the
    /// oldest one merged; null when it took them all.
    /// </summary>
    public static long? AfterMerge(IReadOnlyList<long> mergedNewestFirst, int mergeCount)
    {
        ArgumentNullException.ThrowIfNull(mergedNewestFirst);
        return mergedNewestFirst.Count == mergeCount && mergeCount > 0 ? mergedNewestFirst[^1] : null;
    }
}
