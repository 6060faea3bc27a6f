using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Coo.Shared.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.PublicApi;

/// <summary>
/// A page's counts and the viewer's own reactions in one query: the counts' shares summed per coo, and the viewer's
/// reactions to the same coos, as one result (UNION ALL), so hydrating a page costs this module one round trip.
/// </summary>
internal sealed class GetCooReactionsHandler(IDbContextFactory<ReactionsDbContext> contexts, LastKnownReactionCounts lastKnown)
    : IQueryHandler<GetCooReactions, IReadOnlyDictionary<long, CooReactions>>
{
    public const int MaxBatch = 1000;

    public async ValueTask<IReadOnlyDictionary<long, CooReactions>> Handle(GetCooReactions query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.CooIds.Count, MaxBatch, nameof(query));
        var ids = query.CooIds.Distinct().ToArray();
        try
        {
            var read = await ReadAsync(ids, query.ViewerId, cancellationToken);
            lastKnown.Remember(ids, read);
            return read;
        }
        catch (Exception ex) when (ex.IsDatabaseUnavailable())
        {
            return lastKnown.Recall(ids);
        }
    }

    private async Task<IReadOnlyDictionary<long, CooReactions>> ReadAsync(long[] ids, long? viewer, CancellationToken cancellationToken)
    {
        var viewerId = viewer ?? 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = db.CountShares.AsNoTracking()
            .Where(s => ids.Contains(s.CooId))
            .GroupBy(s => s.CooId)
            .Select(g => new { CooId = g.Key, Kind = 0, Likes = g.Sum(s => s.LikesCount), Reposts = g.Sum(s => s.RepostsCount) });
        var viewers = db.Reactions.AsNoTracking()
            .Where(r => viewer != null && r.UserId == viewerId && ids.Contains(r.CooId))
            .Select(r => new { r.CooId, Kind = (int)r.Kind, Likes = 0, Reposts = 0 });
        // Each row is a coo's summed counts (kind 0) or one of the viewer's reactions to it.
        var rows = await counts.Concat(viewers).ToListAsync(cancellationToken);

        var result = new Dictionary<long, CooReactions>();
        foreach (var row in rows)
        {
            var reactions = result.GetValueOrDefault(row.CooId, CooReactions.None);
            result[row.CooId] = (ReactionKind)row.Kind switch
            {
                ReactionKind.Like => reactions with { LikedByViewer = true },
                ReactionKind.Repost => reactions with { RepostedByViewer = true },
                _ => reactions with { LikesCount = row.Likes, RepostsCount = row.Reposts },
            };
        }

        return result;
    }
}
