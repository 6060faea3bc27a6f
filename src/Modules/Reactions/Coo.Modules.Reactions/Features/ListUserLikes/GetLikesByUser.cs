using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.Features.ListUserLikes;

/// <summary>What <paramref name="UserId"/> liked, newest like first, older than <paramref name="BeforeLikeId"/> when given.</summary>
internal sealed record GetLikesByUser(long UserId, long? BeforeLikeId, int Limit) : IQuery<IReadOnlyList<ReactionEntry>>;

internal sealed class GetLikesByUserHandler(ReactionsDbContext db) : IQueryHandler<GetLikesByUser, IReadOnlyList<ReactionEntry>>
{
    public async ValueTask<IReadOnlyList<ReactionEntry>> Handle(GetLikesByUser query, CancellationToken cancellationToken)
    {
        var likes = db.Reactions.AsNoTracking().Where(r => r.UserId == query.UserId && r.Kind == ReactionKind.Like);
        if (query.BeforeLikeId is { } before)
        {
            likes = likes.Where(r => r.Id < before);
        }

        return await likes.OrderByDescending(r => r.Id).Take(query.Limit)
            .Select(r => new ReactionEntry(r.Id, r.UserId, r.CooId)).ToListAsync(cancellationToken);
    }
}
