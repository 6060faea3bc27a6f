namespace Coo.Modules.Tags.Domain;

/// <summary>A coo that carries a hashtag: the tag's list of coos, newest first by coo id.</summary>
internal sealed class TaggedCoo(string tag, long cooId, long authorId)
{
    public string Tag { get; private set; } = tag;

    public long CooId { get; private set; } = cooId;

    public long AuthorId { get; private set; } = authorId;
}

/// <summary>
/// Someone used a tag within <see cref="TagTrend.Window"/>: at most one row per person and tag, so a tag's trend counts
/// people, not coos. Rows older than the window are removed by <c>TrendWindowJob</c>, which takes them off the trend.
/// </summary>
internal sealed class TagUse(string tag, long userId, DateTimeOffset lastUsedAt)
{
    public string Tag { get; private set; } = tag;

    public long UserId { get; private set; } = userId;

    public DateTimeOffset LastUsedAt { get; private set; } = lastUsedAt;

    public void UsedAgainAt(DateTimeOffset at)
    {
        if (at > LastUsedAt)
        {
            LastUsedAt = at;
        }
    }
}

/// <summary>How many distinct people used a tag within the window: raised as people use it, lowered as their uses age out.</summary>
internal sealed class TagTrend(string tag)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public string Tag { get; private set; } = tag;

    public int People { get; private set; }
}
