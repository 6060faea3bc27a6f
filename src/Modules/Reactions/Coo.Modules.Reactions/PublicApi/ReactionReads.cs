using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>The database reads behind <see cref="ReactionReadCache"/>, for a request that misses it and for the background refresh.</summary>
internal static class ReactionReads
{
    /// <summary>The coos' counts (their shares summed per coo, zero for a coo without any), kept in the cache.</summary>
    public static async Task<Dictionary<long, CooCounts>> ReadCountsAsync(
        ReactionsDbContext db, ReactionReadCache cache, IReadOnlyCollection<long> cooIds, TimeProvider time, CancellationToken cancellationToken)
    {
        var (generation, readAt) = (cache.Generation, time.GetUtcNow());
        var found = await db.CountShares.AsNoTracking()
            .Where(s => cooIds.Contains(s.CooId))
            .GroupBy(s => s.CooId)
            .Select(g => new { CooId = g.Key, Likes = g.Sum(s => s.LikesCount), Reposts = g.Sum(s => s.RepostsCount), Replies = g.Sum(s => s.RepliesCount) })
            .ToDictionaryAsync(c => c.CooId, cancellationToken);
        var counts = cooIds.ToDictionary(
            id => id,
            id => found.TryGetValue(id, out var c) ? new CooCounts(c.Likes, c.Reposts, c.Replies, readAt) : CooCounts.None with { ReadAt = readAt });
        cache.KeepCounts([.. counts.Select(c => (c.Key, c.Value))], generation);
        return counts;
    }

    /// <summary>All the viewer's reactions, kept in the cache; null for a viewer with too many to cache.</summary>
    public static async Task<ViewerReactions?> ReadViewerReactionsAsync(
        ReactionsDbContext db, ReactionReadCache cache, long viewerId, TimeProvider time, CancellationToken cancellationToken)
    {
        var (generation, readAt) = (cache.Generation, time.GetUtcNow());
        var all = await db.Reactions.AsNoTracking().Where(r => r.UserId == viewerId)
            .Take(ReactionReadCache.MaxViewerReactions + 1).Select(r => new { r.CooId, r.Kind }).ToListAsync(cancellationToken);
        if (all.Count > ReactionReadCache.MaxViewerReactions)
        {
            return null;
        }

        var reactions = new ViewerReactions(all.Select(r => (r.CooId, r.Kind)).ToHashSet(), readAt);
        cache.KeepViewerReactions(viewerId, reactions, generation);
        return reactions;
    }

    /// <summary>
    /// Several viewers' reactions in one query, kept in the cache. Only for viewers the cache already holds (so with at
    /// most <see cref="ReactionReadCache.MaxViewerReactions"/> each when last read); one who has gone over since is
    /// left out, and read on a request's own next time.
    /// </summary>
    public static async Task ReadCachedViewersReactionsAsync(
        ReactionsDbContext db, ReactionReadCache cache, IReadOnlyCollection<long> viewerIds, TimeProvider time, CancellationToken cancellationToken)
    {
        var (generation, readAt) = (cache.Generation, time.GetUtcNow());
        var rows = await db.Reactions.AsNoTracking().Where(r => viewerIds.Contains(r.UserId))
            .Select(r => new { r.UserId, r.CooId, r.Kind }).ToListAsync(cancellationToken);
        var byViewer = rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => (r.CooId, r.Kind)).ToHashSet());
        foreach (var viewerId in viewerIds)
        {
            var reactions = byViewer.GetValueOrDefault(viewerId) ?? [];
            if (reactions.Count <= ReactionReadCache.MaxViewerReactions)
            {
                cache.KeepViewerReactions(viewerId, new ViewerReactions(reactions, readAt), generation);
            }
        }
    }
}
