using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.PublicApi;

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
