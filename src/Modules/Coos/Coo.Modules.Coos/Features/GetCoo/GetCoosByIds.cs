using Coo.Modules.Coos.Data;
using Coo.Shared.Infrastructure.Caching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.GetCoo;

/// <summary>Batch lookup: one call for a page of ids, from the cache first. Deleted or unknown ids are left out.</summary>
internal sealed record GetCoosByIds(IReadOnlyCollection<long> CooIds) : IQuery<IReadOnlyList<CooSummary>>;

internal sealed class GetCoosByIdsHandler(IDbContextFactory<CoosDbContext> contexts, IEntityCache<CooSummary> cache) : IQueryHandler<GetCoosByIds, IReadOnlyList<CooSummary>>
{
    public const int MaxBatch = 1000;

    public async ValueTask<IReadOnlyList<CooSummary>> Handle(GetCoosByIds query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.CooIds.Count, MaxBatch, nameof(query));
        return await cache.GetManyAsync(query.CooIds, LoadAsync, cancellationToken);
    }

    /// <summary>Only a cache miss rents a context: a page served from the cache touches no database code at all.</summary>
    private async Task<IReadOnlyList<CooSummary>> LoadAsync(long[] ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var coos = await db.Coos.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return [.. coos.Select(CooSummary.Of)];
    }
}
