using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// What this instance last read of reactions, so that a warm page read asks the database nothing: each coo's counts
/// (likes, reposts and replies), and each viewer's own reactions (all of them, for viewers with up to
/// <see cref="MaxViewerReactions"/>). A change made through this instance is forgotten at once, so its author and its
/// readers here see it on their next read; a change made through another instance shows here within
/// <see cref="Freshness"/>. An entry read after <see cref="RefreshAfter"/> is read again in the background
/// (<see cref="ReactionRefresher"/>), so entries that are read often never go stale in a request's way. While the
/// database is unavailable, counts of any age are served rather than none. Bounded, and forgotten after an hour
/// without reads.
/// </summary>
internal sealed class ReactionReadCache(TimeProvider time) : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan RefreshAfter = Freshness / 2;

    public const int MaxViewerReactions = 5_000;

    private const int MaxCoos = 200_000;

    private const int MaxViewerEntries = 200_000;

    private static readonly TimeSpan Unread = TimeSpan.FromHours(1);

    // A page reads twenty coos' counts: keys that need no boxing, and lookups without a clock read, matter here.
    private readonly ICache<long, CooCounts> _counts = new ConcurrentLruBuilder<long, CooCounts>()
        .WithCapacity(MaxCoos).WithExpireAfterAccess(Unread).Build();

    // Weighed by their size (a viewer's reactions may be thousands), which only MemoryCache offers.
    private readonly MemoryCache _viewers = new(new MemoryCacheOptions { SizeLimit = MaxViewerEntries });
    private long _generation;

    /// <summary>Moves with every change forgotten; what was read from the database is kept only if it did not move meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The coo's counts as last read, of any age.</summary>
    public bool TryGetCounts(long cooId, out CooCounts counts)
    {
        if (_counts.TryGet(cooId, out var cached))
        {
            counts = cached;
            return true;
        }

        counts = CooCounts.None;
        return false;
    }

    public DateTimeOffset Now => time.GetUtcNow();

    public static bool IsFresh(DateTimeOffset readAt, DateTimeOffset now) => now - readAt < Freshness;

    public static bool IsDueForRefresh(DateTimeOffset readAt, DateTimeOffset now) => now - readAt >= RefreshAfter;

    /// <summary>Keeps counts read from the database since <paramref name="generation"/>, unless a change was forgotten meanwhile.</summary>
    public void KeepCounts(IReadOnlyCollection<(long CooId, CooCounts Counts)> counts, long generation)
    {
        if (Generation != generation)
        {
            return;
        }

        foreach (var (cooId, read) in counts)
        {
            _counts.AddOrUpdate(cooId, read);
        }

        // A change forgotten between the check above and the sets found nothing to forget yet: take them back.
        if (Generation != generation)
        {
            foreach (var (cooId, _) in counts)
            {
                _counts.TryRemove(cooId);
            }
        }
    }

    /// <summary>The viewer's reactions and when they were read, or null when not cached fresh (or the viewer has too many to cache).</summary>
    public ViewerReactions? FreshViewerReactions(long viewerId, DateTimeOffset now) =>
        _viewers.TryGetValue(viewerId, out ViewerReactions? cached) && cached is not null && IsFresh(cached.ReadAt, now) ? cached : null;

    /// <summary>Keeps a viewer's reactions read from the database since <paramref name="generation"/>, unless a change was forgotten meanwhile.</summary>
    public void KeepViewerReactions(long viewerId, ViewerReactions reactions, long generation)
    {
        if (Generation != generation)
        {
            return;
        }

        _viewers.Set(viewerId, reactions, new MemoryCacheEntryOptions { Size = Math.Max(1, reactions.Reactions.Count / 100), SlidingExpiration = Unread });
        if (Generation != generation)
        {
            _viewers.Remove(viewerId);
        }
    }

    /// <summary>After a committed reaction or undo through this instance: the coo's counts and the user's reactions changed.</summary>
    public void Forget(long cooId, long userId)
    {
        Interlocked.Increment(ref _generation);
        _counts.TryRemove(cooId);
        _viewers.Remove(userId);
    }

    /// <summary>After a committed change of the coo's replies count through this instance.</summary>
    public void ForgetCounts(long cooId)
    {
        Interlocked.Increment(ref _generation);
        _counts.TryRemove(cooId);
    }

    public void Dispose() => _viewers.Dispose();
}

/// <summary>A coo's counts as read at <see cref="ReadAt"/>.</summary>
internal sealed record CooCounts(int Likes, int Reposts, int Replies, DateTimeOffset ReadAt)
{
    public static readonly CooCounts None = new(0, 0, 0, DateTimeOffset.MinValue);
}

/// <summary>All of a viewer's reactions, as read at <see cref="ReadAt"/>.</summary>
internal sealed record ViewerReactions(IReadOnlySet<(long CooId, ReactionKind Kind)> Reactions, DateTimeOffset ReadAt);
