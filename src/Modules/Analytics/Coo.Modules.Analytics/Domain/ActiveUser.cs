namespace Coo.Modules.Analytics.Domain;

/// <summary>
/// A signed-in user who did something in one bucket. One row per user and bucket (the key), so the active-user count
/// is exact, and bounded by the users who were active rather than by how much they did.
/// </summary>
internal sealed class ActiveUser(Granularity granularity, DateTime bucketStart, long userId)
{
    public Granularity Granularity { get; private set; } = granularity;

    public DateTime BucketStart { get; private set; } = bucketStart;

    public long UserId { get; private set; } = userId;
}
