using Coo.Modules.Timeline.Contracts;

namespace Coo.Modules.Timeline.Domain;

/// <summary>Hybrid fan-out: large authors' coos and reposts are merged into a home-timeline page when it is read.</summary>
internal static class TimelineMerge
{
    /// <summary>
    /// Each coo once, newest first: at its own position when some item shows it in its own right, else at its newest
    /// repost. The sources of a page are read a moment apart and can disagree (a follow applied between the reads leaves
    /// a coo both stored in its own right and merged as a large author's repost); the entry in its own right is the one
    /// the timeline holds once both have caught up.
    /// </summary>
    public static IEnumerable<TimelineItem> EachCooOnce(IEnumerable<TimelineItem> items) =>
        items.GroupBy(i => i.CooId)
            .Select(coo => coo.FirstOrDefault(i => i.RepostedById is null) ?? coo.MaxBy(i => i.Position)!)
            .OrderByDescending(i => i.Position);
}
