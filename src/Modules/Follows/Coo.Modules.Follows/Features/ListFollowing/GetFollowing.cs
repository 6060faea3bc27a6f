using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Mediator;

namespace Coo.Modules.Follows.Features.ListFollowing;

internal sealed class GetFollowingHandler(FollowsDbContext db) : IQueryHandler<GetFollowing, IReadOnlyList<FollowEntry>>
{
    public ValueTask<IReadOnlyList<FollowEntry>> Handle(GetFollowing query, CancellationToken cancellationToken) =>
        FollowLists.ReadAsync(
            db.Follows.Where(f => f.FollowerId == query.UserId), query.BeforeFollowId, query.Limit, f => new FollowEntry(f.Id, f.FolloweeId), cancellationToken);
}
