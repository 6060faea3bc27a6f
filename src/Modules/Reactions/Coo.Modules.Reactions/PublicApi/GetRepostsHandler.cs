using Coo.Modules.Reactions.Contracts;
using Coo.Modules.Reactions.Data;
using Coo.Modules.Reactions.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Reactions.PublicApi;

internal sealed class GetRepostsHandler(IDbContextFactory<ReactionsDbContext> contexts) : IQueryHandler<GetReposts, IReadOnlyList<RepostRef>>
{
    public async ValueTask<IReadOnlyList<RepostRef>> Handle(GetReposts query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.RepostIds.Count, GetCooReactionsHandler.MaxBatch, nameof(query));
        var ids = query.RepostIds.Distinct().ToArray();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reactions.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.Kind == ReactionKind.Repost)
            .Select(r => new RepostRef(r.Id, r.CooId, r.UserId))
            .ToListAsync(cancellationToken);
    }
}
