using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// A page's counts (likes, reposts, replies) and the viewer's own reactions, from <see cref="ReactionReadCache"/> where
/// it holds them fresh (what is due for a refresh is handed to <see cref="ReactionRefresher"/>); what it lacks is read
/// in one query each (the counts' shares summed per coo; the viewer's reactions). While the database is unavailable
/// the page gets the counts last read and none of the viewer's own reactions, so a cached page of coos is still
/// served, a little stale, instead of failing.
/// </summary>
internal sealed class GetCooReactionsHandler(
    IDbContextFactory<ReactionsDbContext> contexts, ReactionReadCache cache, ReactionRefresher refresher, TimeProvider time)
    : IQueryHandler<GetCooReactions, IReadOnlyDictionary<long, CooReactions>>
{
    public const int MaxBatch = 1000;

    private static readonly IReadOnlySet<(long CooId, ReactionKind Kind)> NoReactions = new HashSet<(long, ReactionKind)>();

    public async ValueTask<IReadOnlyDictionary<long, CooReactions>> Handle(GetCooReactions query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.CooIds.Count, MaxBatch, nameof(query));
        var ids = query.CooIds.Distinct().ToArray();
        var check = cache.Check();
        var counts = new Dictionary<long, CooCounts>(ids.Length);
        List<long>? missing = null;
        List<long>? due = null;
        foreach (var id in ids)
        {
            var found = cache.TryGetCounts(id, out var cached);
            if (found)
            {
                counts[id] = cached;
            }

            if (!found || !check.IsFresh(cached.ReadAt))
            {
                (missing ??= []).Add(id);
            }
            else if (check.IsDueForRefresh(cached.ReadAt))
            {
                (due ??= []).Add(id);
            }
        }

        var viewer = query.ViewerId is { } viewerId ? cache.FreshViewerReactions(viewerId, check) : null;
        refresher.Refresh(due ?? [], viewer is not null && check.IsDueForRefresh(viewer.ReadAt) ? query.ViewerId : null);
        var viewerReactions = query.ViewerId is null ? NoReactions : viewer?.Reactions;
        if (missing is not null || viewerReactions is null)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                if (missing is not null)
                {
                    foreach (var (id, read) in await ReactionReads.ReadCountsAsync(db, cache, missing, time, cancellationToken))
                    {
                        counts[id] = read;
                    }
                }

                viewerReactions ??= (await ReactionReads.ReadViewerReactionsAsync(db, cache, query.ViewerId!.Value, time, cancellationToken))?.Reactions
                    ?? await ReadViewerReactionsOnPageAsync(db, query.ViewerId!.Value, ids, cancellationToken);
            }
            catch (Exception ex) when (ex.IsDatabaseUnavailable())
            {
                viewerReactions = NoReactions;
            }
        }

        var result = new Dictionary<long, CooReactions>(ids.Length);
        foreach (var id in ids)
        {
            var coo = counts.GetValueOrDefault(id, CooCounts.None);
            var liked = viewerReactions.Contains((id, ReactionKind.Like));
            var reposted = viewerReactions.Contains((id, ReactionKind.Repost));

            // Most coos on a page have no reactions: those are left out, and made no object for.
            if (coo.Likes != 0 || coo.Reposts != 0 || coo.Replies != 0 || liked || reposted)
            {
                result[id] = new CooReactions(coo.Likes, coo.Reposts, liked, reposted, coo.Replies);
            }
        }

        return result;
    }

    /// <summary>For a viewer with too many reactions to cache: only those to the page's coos.</summary>
    private static async Task<IReadOnlySet<(long CooId, ReactionKind Kind)>> ReadViewerReactionsOnPageAsync(
        ReactionsDbContext db, long viewerId, long[] pageCooIds, CancellationToken cancellationToken)
    {
        var onPage = await db.Reactions.AsNoTracking().Where(r => r.UserId == viewerId && pageCooIds.Contains(r.CooId))
            .Select(r => new { r.CooId, r.Kind }).ToListAsync(cancellationToken);
        return onPage.Select(r => (r.CooId, r.Kind)).ToHashSet();
    }
}
