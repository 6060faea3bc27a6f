using Coo.Modules.Reactions.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// What this instance last read of reactions, so that a warm page read asks the database nothing: each coo's counts
/// (likes, reposts and replies), and each viewer's own reactions (all of them, for viewers with up to
/// <see cref="MaxViewerReactions"/>). A change made through this instance is forgotten at once, so its author and its
/// readers here see it on their next read; a change made through another instance shows here within
/// <see cref="Freshness"/>. While the database is
/// unavailable, counts of any age are served rather than none. Bounded, and forgotten after an hour without reads.
/// </summary>
internal sealed class ReactionReadCache(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    public const int MaxViewerReactions = 5_000;

    private const int MaxEntries = 200_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public bool TryGetCounts(long cooId, bool anyAge, out CooCounts counts)
    {
        if (_entries.TryGetValue(cooId, out CooCounts? cached) && cached is not null && (anyAge || IsFresh(cached.ReadAt)))
        {
            counts = cached;
            return true;
        }

        counts = CooCounts.None;
        return false;
    }

    public void SetCounts(long cooId, int likes, int reposts, int replies, DateTimeOffset readAt) =>
        _entries.Set(cooId, new CooCounts(likes, reposts, replies, readAt), Entry(1));

    /// <summary>The viewer's reactions, or null when not cached fresh (or the viewer has too many to cache).</summary>
    public IReadOnlySet<(long CooId, ReactionKind Kind)>? ViewerReactions(long viewerId) =>
        _entries.TryGetValue(ViewerKey(viewerId), out ViewerEntry? cached) && cached is not null && IsFresh(cached.ReadAt) ? cached.Reactions : null;

    public void SetViewerReactions(long viewerId, IReadOnlySet<(long CooId, ReactionKind Kind)> reactions, DateTimeOffset readAt) =>
        _entries.Set(ViewerKey(viewerId), new ViewerEntry(reactions, readAt), Entry(Math.Max(1, reactions.Count / 100)));

    /// <summary>After a committed reaction or undo through this instance: the coo's counts and the user's reactions changed.</summary>
    public void Forget(long cooId, long userId)
    {
        _entries.Remove(cooId);
        _entries.Remove(ViewerKey(userId));
    }

    /// <summary>After a committed change of the coo's replies count through this instance.</summary>
    public void ForgetCounts(long cooId) => _entries.Remove(cooId);

    public void Dispose() => _entries.Dispose();

    private static MemoryCacheEntryOptions Entry(int size) => new() { Size = size, SlidingExpiration = TimeSpan.FromHours(1) };

    private static (string, long) ViewerKey(long viewerId) => ("viewer", viewerId);

    private bool IsFresh(DateTimeOffset readAt) => time.GetUtcNow() - readAt < Freshness;

    private sealed record ViewerEntry(IReadOnlySet<(long CooId, ReactionKind Kind)> Reactions, DateTimeOffset ReadAt);
}

/// <summary>A coo's counts as read at <see cref="ReadAt"/>.</summary>
internal sealed record CooCounts(int Likes, int Reposts, int Replies, DateTimeOffset ReadAt)
{
    public static readonly CooCounts None = new(0, 0, 0, DateTimeOffset.MinValue);
}
