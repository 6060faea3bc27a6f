namespace Coo.Modules.Timeline.Domain;

/// <summary>How a large fan-out is cut into batches of followers, each written by one statement (or one job).</summary>
internal static class FollowerBatches
{
    /// <summary>The one range that holds every follower (ids are positive).</summary>
    public static readonly (long After, long UpTo) Everyone = (long.MinValue, long.MaxValue);

    /// <summary>
    /// Splits followers, given in ascending id order, into batches of at most <paramref name="batchSize"/>, as
    /// (after, up to] id ranges. The first and last ranges are open-ended, so a follower who arrives meanwhile still
    /// falls into one.
    /// </summary>
    public static IReadOnlyList<(long After, long UpTo)> Split(IReadOnlyList<long> ascendingFollowerIds, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(ascendingFollowerIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var bounds = ascendingFollowerIds.Chunk(batchSize).Select(batch => batch[^1]).SkipLast(1).ToList();
        return [.. bounds.Prepend(Everyone.After).Zip(bounds.Append(Everyone.UpTo))];
    }
}
