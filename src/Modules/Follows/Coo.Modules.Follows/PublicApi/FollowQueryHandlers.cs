using System.Linq.Expressions;
using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Coo.Modules.Follows.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Follows.PublicApi;

internal sealed class GetFollowersHandler(FollowsDbContext db) : IQueryHandler<GetFollowers, IReadOnlyList<FollowEntry>>
{
    public ValueTask<IReadOnlyList<FollowEntry>> Handle(GetFollowers query, CancellationToken cancellationToken) =>
        FollowPages.ReadAsync(
            db.Follows.Where(f => f.FolloweeId == query.UserId), query.BeforeFollowId, query.Limit, f => new FollowEntry(f.Id, f.FollowerId), cancellationToken);
}

internal sealed class GetFollowingHandler(FollowsDbContext db) : IQueryHandler<GetFollowing, IReadOnlyList<FollowEntry>>
{
    public ValueTask<IReadOnlyList<FollowEntry>> Handle(GetFollowing query, CancellationToken cancellationToken) =>
        FollowPages.ReadAsync(
            db.Follows.Where(f => f.FollowerId == query.UserId), query.BeforeFollowId, query.Limit, f => new FollowEntry(f.Id, f.FolloweeId), cancellationToken);
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

/// <summary>One keyset page of follows, newest first: the same walk for both directions of the graph.</summary>
internal static class FollowPages
{
    public static async ValueTask<IReadOnlyList<FollowEntry>> ReadAsync(
        IQueryable<Follow> follows, long? beforeFollowId, int limit, Expression<Func<Follow, FollowEntry>> toEntry, CancellationToken cancellationToken)
    {
        if (beforeFollowId is { } before)
        {
            follows = follows.Where(f => f.Id < before);
        }

        return await follows.AsNoTracking().OrderByDescending(f => f.Id).Take(limit).Select(toEntry).ToListAsync(cancellationToken);
    }
}
