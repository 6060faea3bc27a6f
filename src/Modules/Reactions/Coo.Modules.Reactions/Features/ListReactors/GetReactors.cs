using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.Features.ListReactors;

internal sealed class GetReactorsHandler(ReactionsDbContext db) : IQueryHandler<GetReactors, IReadOnlyList<ReactionEntry>>
{
    public async ValueTask<IReadOnlyList<ReactionEntry>> Handle(GetReactors query, CancellationToken cancellationToken)
    {
        var reactions = db.Reactions.AsNoTracking().Where(r => r.CooId == query.CooId && r.Kind == query.Kind);
        if (query.BeforeReactionId is { } before)
        {
            reactions = reactions.Where(r => r.Id < before);
        }

        return await reactions.OrderByDescending(r => r.Id).Take(query.Limit)
            .Select(r => new ReactionEntry(r.Id, r.UserId, r.CooId)).ToListAsync(cancellationToken);
    }
}
