using Coo.Modules.Tags.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Tags.Features.ListTaggedCoos;

/// <summary>The ids of the coos with <paramref name="Tag"/> (normalised), newest first, older than <paramref name="BeforeCooId"/> when given.</summary>
internal sealed record GetTaggedCooIds(string Tag, long? BeforeCooId, int Limit) : IQuery<IReadOnlyList<long>>;

internal sealed class GetTaggedCooIdsHandler(TagsDbContext db) : IQueryHandler<GetTaggedCooIds, IReadOnlyList<long>>
{
    public async ValueTask<IReadOnlyList<long>> Handle(GetTaggedCooIds query, CancellationToken cancellationToken)
    {
        var tagged = db.TaggedCoos.AsNoTracking().Where(t => t.Tag == query.Tag);
        if (query.BeforeCooId is { } before)
        {
            tagged = tagged.Where(t => t.CooId < before);
        }

        return await tagged.OrderByDescending(t => t.CooId).Take(query.Limit).Select(t => t.CooId).ToListAsync(cancellationToken);
    }
}
