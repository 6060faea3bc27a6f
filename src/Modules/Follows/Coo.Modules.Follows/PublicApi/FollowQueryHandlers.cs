using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.PublicApi;

internal sealed class GetFollowersHandler(FollowsDbContext db) : IQueryHandler<GetFollowers, IReadOnlyList<FollowEntry>>
{
    public async ValueTask<IReadOnlyList<FollowEntry>> Handle(GetFollowers query, CancellationToken cancellationToken)
    {
        var follows = db.Follows.AsNoTracking().Where(f => f.FolloweeId == query.UserId);
        if (query.BeforeFollowId is { } before)
        {
            follows = follows.Where(f => f.Id < before);
        }

        return await follows.OrderByDescending(f => f.Id).Take(query.Limit)
            .Select(f => new FollowEntry(f.Id, f.FollowerId)).ToListAsync(cancellationToken);
    }
}

internal sealed class GetFollowingHandler(FollowsDbContext db) : IQueryHandler<GetFollowing, IReadOnlyList<FollowEntry>>
{
    public async ValueTask<IReadOnlyList<FollowEntry>> Handle(GetFollowing query, CancellationToken cancellationToken)
    {
        var follows = db.Follows.AsNoTracking().Where(f => f.FollowerId == query.UserId);
        if (query.BeforeFollowId is { } before)
        {
            follows = follows.Where(f => f.Id < before);
        }

        return await follows.OrderByDescending(f => f.Id).Take(query.Limit)
            .Select(f => new FollowEntry(f.Id, f.FolloweeId)).ToListAsync(cancellationToken);
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
