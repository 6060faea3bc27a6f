using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.PublicApi;

internal sealed class GetFollowCountsHandler(FollowsDbContext db) : IQueryHandler<GetFollowCounts, IReadOnlyDictionary<long, FollowCounts>>
{
    public const int MaxBatch = 1000;

    public async ValueTask<IReadOnlyDictionary<long, FollowCounts>> Handle(GetFollowCounts query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.UserIds.Count, MaxBatch, nameof(query));
        var ids = query.UserIds.Distinct().ToArray();
        return await db.Counts.AsNoTracking().Where(c => ids.Contains(c.UserId))
            .ToDictionaryAsync(c => c.UserId, c => new FollowCounts(c.FollowersCount, c.FollowingCount), cancellationToken);
    }
}

internal sealed class GetFollowStatsHandler(FollowsDbContext db) : IQueryHandler<GetFollowStats, FollowStats>
{
    public async ValueTask<FollowStats> Handle(GetFollowStats query, CancellationToken cancellationToken)
    {
        var counts = await db.Counts.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == query.UserId, cancellationToken);
        var viewerFollows = query.ViewerId is { } viewer
            && await db.Follows.AnyAsync(f => f.FollowerId == viewer && f.FolloweeId == query.UserId, cancellationToken);
        return new FollowStats(counts?.FollowersCount ?? 0, counts?.FollowingCount ?? 0, viewerFollows);
    }
}

internal sealed class GetFollowRelationsHandler(FollowsDbContext db) : IQueryHandler<GetFollowRelations, IReadOnlyDictionary<long, FollowRelation>>
{
    public async ValueTask<IReadOnlyDictionary<long, FollowRelation>> Handle(GetFollowRelations query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.UserIds.Count, GetFollowCountsHandler.MaxBatch, nameof(query));
        var ids = query.UserIds.Distinct().ToArray();
        var following = await db.Follows.AsNoTracking()
            .Where(f => f.FollowerId == query.ViewerId && ids.Contains(f.FolloweeId)).Select(f => f.FolloweeId).ToListAsync(cancellationToken);
        var followedBy = await db.Follows.AsNoTracking()
            .Where(f => f.FolloweeId == query.ViewerId && ids.Contains(f.FollowerId)).Select(f => f.FollowerId).ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id => new FollowRelation(following.Contains(id), followedBy.Contains(id)));
    }
}
