namespace Coo.Modules.Timeline.Domain;

/// <summary>Hybrid fan-out: large authors' coos are merged into a home-timeline page when it is read.</summary>
internal static class TimelineMerge
{
    /// <summary>
    /// The newest <paramref name="limit"/> coo ids of both lists, newest first and each once. When both are the
    /// newest coos of their kind older than the same cursor, the result is exactly the page a full fan-out would give.
    /// </summary>
    public static IReadOnlyList<long> Newest(IEnumerable<long> stored, IEnumerable<long> merged, int limit) =>
        [.. stored.Union(merged).OrderDescending().Take(limit)];
}
