using Coo.Modules.Tags.Contracts;
using Coo.Modules.Tags.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.PublicApi;

internal sealed class GetTaggedCooIdsHandler(TagsDbContext db) : IQueryHandler<GetTaggedCooIds, IReadOnlyList<long>>
{
    public async ValueTask<IReadOnlyList<long>> Handle(GetTaggedCooIds query, CancellationToken cancellationToken)
    {
        var tagged = db.TaggedCoos.AsNoTracking().Where(t => t.Tag == query.Tag);
        if (query.BeforeCooId is { } before)
        {
            tagged = tagged.Where(t => t.CooId < before);
        }

        if (query.AfterCooId is { } after)
        {
            tagged = tagged.Where(t => t.CooId > after);
        }

        if (query.NearestAfter)
        {
            var nearest = await tagged.OrderBy(t => t.CooId).Take(query.Limit).Select(t => t.CooId).ToListAsync(cancellationToken);
            nearest.Reverse();
            return nearest;
        }

        return await tagged.OrderByDescending(t => t.CooId).Take(query.Limit).Select(t => t.CooId).ToListAsync(cancellationToken);
    }
}
