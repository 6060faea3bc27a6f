using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Domain;
using Coo.Shared.Infrastructure.Caching;
using Microsoft.Extensions.Caching.Memory;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// What this instance last read of reactions, so that a warm page read asks the database nothing: each coo's counts
/// (likes, reposts and replies), and each viewer's own reactions (all of them, for viewers with up to
/// <see cref="MaxViewerReactions"/>). A change is forgotten at once by the instance it was made through, so its author
/// and its readers there see it on their next read. In server mode every other instance forgets it too before the
/// change is acknowledged (through the <see cref="NearCache"/>'s channel), so entries live as long as the near cache's
/// own copies while this instance hears that channel; otherwise (no Redis, or the channel not heard) a change made
/// elsewhere shows here within <see cref="Freshness"/>. An entry read after half its lifetime is read again in the
/// background (<see cref="ReactionRefresher"/>), so entries that are read often never go stale in a request's way.
/// While the database is unavailable, counts of any age are served rather than none. Bounded, and forgotten after an
/// hour without reads.
/// </summary>
internal sealed class ReactionReadCache : IDisposable
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    public const int MaxViewerReactions = 5_000;

    private const string CountsName = "reaction-counts";

    private const string ViewersName = "viewer-reactions";

    private const int MaxCoos = 200_000;

    private const int MaxViewerEntries = 200_000;

    private static readonly TimeSpan Unread = TimeSpan.FromHours(1);

    private readonly TimeProvider _time;
    private readonly NearCache? _near;

    // A page reads twenty coos' counts: keys that need no boxing, and lookups without a clock read, matter here.
    private readonly ICache<long, CooCounts> _counts = new ConcurrentLruBuilder<long, CooCounts>()
        .WithCapacity(MaxCoos).WithExpireAfterAccess(Unread).Build();

    // Weighed by their size (a viewer's reactions may be thousands), which only MemoryCache offers.
    private readonly MemoryCache _viewers = new(new MemoryCacheOptions { SizeLimit = MaxViewerEntries });
    private long _generation;

    public ReactionReadCache(TimeProvider time, NearCache? near)
    {
        _time = time;
        _near = near;
        near?.Follow(CountsName, DropCounts);
        near?.Follow(ViewersName, DropViewers);
    }

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

    /// <summary>What entries are judged by, taken once per page: now, and how long an entry serves at the moment.</summary>
    public FreshnessCheck Check() => new(_time.GetUtcNow(), _near is { IsLive: true } ? _near.TimeToLive : Freshness);

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
    public ViewerReactions? FreshViewerReactions(long viewerId, FreshnessCheck check) =>
        _viewers.TryGetValue(viewerId, out ViewerReactions? cached) && cached is not null && check.IsFresh(cached.ReadAt) ? cached : null;

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

    /// <summary>
    /// After a committed reaction or undo: the coo's counts and the user's reactions changed. Forgotten here at once, and
    /// by every other live instance before this returns; one that does not confirm in time has stopped hearing the
    /// channel, and then serves its entries no longer than <see cref="Freshness"/>.
    /// </summary>
    public async Task ForgetAsync(long cooId, long userId)
    {
        DropCounts([cooId]);
        DropViewers([userId]);
        if (_near is not null)
        {
            await Task.WhenAll(
                _near.InvalidateAsync(CountsName, [cooId], CancellationToken.None),
                _near.InvalidateAsync(ViewersName, [userId], CancellationToken.None));
        }
    }

    /// <summary>After a committed change of the coo's replies count.</summary>
    public async Task ForgetCountsAsync(long cooId)
    {
        DropCounts([cooId]);
        if (_near is not null)
        {
            await _near.InvalidateAsync(CountsName, [cooId], CancellationToken.None);
        }
    }

    public void Dispose() => _viewers.Dispose();

    /// <summary>Drops the counts of <paramref name="cooIds"/>, or all of them when null; a read under way keeps nothing.</summary>
    private void DropCounts(IReadOnlyCollection<long>? cooIds)
    {
        Interlocked.Increment(ref _generation);
        if (cooIds is null)
        {
            _counts.Clear();
            return;
        }

        foreach (var id in cooIds)
        {
            _counts.TryRemove(id);
        }
    }

    /// <summary>Drops the reactions of <paramref name="viewerIds"/>, or all of them when null; a read under way keeps nothing.</summary>
    private void DropViewers(IReadOnlyCollection<long>? viewerIds)
    {
        Interlocked.Increment(ref _generation);
        if (viewerIds is null)
        {
            _viewers.Clear();
            return;
        }

        foreach (var id in viewerIds)
        {
            _viewers.Remove(id);
        }
    }
}

/// <summary>Judges entries by one clock reading: fresh within <see cref="Lifetime"/>, read again in the background after half of it.</summary>
internal readonly record struct FreshnessCheck(DateTimeOffset Now, TimeSpan Lifetime)
{
    public bool IsFresh(DateTimeOffset readAt) => Now - readAt < Lifetime;

    public bool IsDueForRefresh(DateTimeOffset readAt) => Now - readAt >= Lifetime / 2;
}

/// <summary>A coo's counts as read at <see cref="ReadAt"/>.</summary>
internal sealed record CooCounts(int Likes, int Reposts, int Replies, DateTimeOffset ReadAt)
{
    public static readonly CooCounts None = new(0, 0, 0, DateTimeOffset.MinValue);
}

/// <summary>All of a viewer's reactions, as read at <see cref="ReadAt"/>.</summary>
internal sealed record ViewerReactions(IReadOnlySet<(long CooId, ReactionKind Kind)> Reactions, DateTimeOffset ReadAt);
