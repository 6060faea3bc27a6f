using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// A page's counts (likes, reposts, replies) and the viewer's own reactions, from <see cref="ReactionReadCache"/> where
/// it holds them fresh; what it lacks is read in one query each (the counts' shares summed per coo; the viewer's
/// reactions). While the database is unavailable the page gets the counts last read and none of the viewer's own
/// reactions, so a cached page of coos is still served, a little stale, instead of failing.
/// </summary>
internal sealed class GetCooReactionsHandler(IDbContextFactory<ReactionsDbContext> contexts, ReactionReadCache cache, TimeProvider time)
    : IQueryHandler<GetCooReactions, IReadOnlyDictionary<long, CooReactions>>
{
    public const int MaxBatch = 1000;

    public async ValueTask<IReadOnlyDictionary<long, CooReactions>> Handle(GetCooReactions query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.CooIds.Count, MaxBatch, nameof(query));
        var ids = query.CooIds.Distinct().ToArray();
        var missing = ids.Where(id => !cache.TryGetCounts(id, anyAge: false, out _)).ToArray();
        var viewers = query.ViewerId is { } viewer ? cache.ViewerReactions(viewer) : new HashSet<(long, ReactionKind)>();
        if (missing.Length > 0 || viewers is null)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await ReadCountsAsync(db, missing, cancellationToken);
                viewers ??= await ReadViewerReactionsAsync(db, query.ViewerId!.Value, ids, cancellationToken);
            }
            catch (Exception ex) when (ex.IsDatabaseUnavailable())
            {
                viewers = new HashSet<(long, ReactionKind)>();
            }
        }

        var result = new Dictionary<long, CooReactions>();
        foreach (var id in ids)
        {
            cache.TryGetCounts(id, anyAge: true, out var counts);
            var reactions = new CooReactions(
                counts.Likes, counts.Reposts, viewers.Contains((id, ReactionKind.Like)), viewers.Contains((id, ReactionKind.Repost)), counts.Replies);
            if (reactions != CooReactions.None)
            {
                result[id] = reactions;
            }
        }

        return result;
    }

    private async Task ReadCountsAsync(ReactionsDbContext db, long[] cooIds, CancellationToken cancellationToken)
    {
        if (cooIds.Length == 0)
        {
            return;
        }

        var readAt = time.GetUtcNow();
        var counts = await db.CountShares.AsNoTracking()
            .Where(s => cooIds.Contains(s.CooId))
            .GroupBy(s => s.CooId)
            .Select(g => new { CooId = g.Key, Likes = g.Sum(s => s.LikesCount), Reposts = g.Sum(s => s.RepostsCount), Replies = g.Sum(s => s.RepliesCount) })
            .ToDictionaryAsync(c => c.CooId, cancellationToken);
        foreach (var id in cooIds)
        {
            var found = counts.GetValueOrDefault(id);
            cache.SetCounts(id, found?.Likes ?? 0, found?.Reposts ?? 0, found?.Replies ?? 0, readAt);
        }
    }

    /// <summary>All the viewer's reactions, cached; for a viewer with too many to cache, only those to the page's coos.</summary>
    private async Task<IReadOnlySet<(long CooId, ReactionKind Kind)>> ReadViewerReactionsAsync(
        ReactionsDbContext db, long viewerId, long[] pageCooIds, CancellationToken cancellationToken)
    {
        var readAt = time.GetUtcNow();
        var all = await db.Reactions.AsNoTracking().Where(r => r.UserId == viewerId)
            .Take(ReactionReadCache.MaxViewerReactions + 1).Select(r => new { r.CooId, r.Kind }).ToListAsync(cancellationToken);
        if (all.Count <= ReactionReadCache.MaxViewerReactions)
        {
            var reactions = all.Select(r => (r.CooId, r.Kind)).ToHashSet();
            cache.SetViewerReactions(viewerId, reactions, readAt);
            return reactions;
        }

        var onPage = await db.Reactions.AsNoTracking().Where(r => r.UserId == viewerId && pageCooIds.Contains(r.CooId))
            .Select(r => new { r.CooId, r.Kind }).ToListAsync(cancellationToken);
        return onPage.Select(r => (r.CooId, r.Kind)).ToHashSet();
    }
}
