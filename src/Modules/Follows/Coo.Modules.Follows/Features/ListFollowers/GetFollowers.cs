using Coo.Modules.Follows.Contracts;
using Coo.Modules.Follows.Data;
using Mediator;

namespace Coo.Modules.Follows.Features.ListFollowers;

internal sealed class GetFollowersHandler(FollowsDbContext db) : IQueryHandler<GetFollowers, IReadOnlyList<FollowEntry>>
{
    public ValueTask<IReadOnlyList<FollowEntry>> Handle(GetFollowers query, CancellationToken cancellationToken) =>
        FollowLists.ReadAsync(
            db.Follows.Where(f => f.FolloweeId == query.UserId), query.BeforeFollowId, query.Limit, f => new FollowEntry(f.Id, f.FollowerId), cancellationToken);
}
