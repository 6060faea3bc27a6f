using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Features.PostCoo;
using Coo.Shared.Infrastructure.Caching;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.PublicApi;

internal sealed class GetCoosByIdsHandler(CoosDbContext db, IEntityCache<CooSummary> cache) : IQueryHandler<GetCoosByIds, IReadOnlyList<CooSummary>>
{
    public const int MaxBatch = 1000;

    public async ValueTask<IReadOnlyList<CooSummary>> Handle(GetCoosByIds query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.CooIds.Count, MaxBatch, nameof(query));
        return await cache.GetManyAsync(query.CooIds, LoadAsync, cancellationToken);
    }

    private async Task<IReadOnlyList<CooSummary>> LoadAsync(long[] ids, CancellationToken cancellationToken)
    {
        var coos = await db.Coos.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        return [.. coos.Select(PostCooHandler.ToSummary)];
    }
}

internal sealed class GetCoosByAuthorHandler(CoosDbContext db) : IQueryHandler<GetCoosByAuthor, IReadOnlyList<CooSummary>>
{
    public async ValueTask<IReadOnlyList<CooSummary>> Handle(GetCoosByAuthor query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var coos = db.Coos.AsNoTracking().Where(c => c.AuthorId == query.AuthorId);
        if (query.BeforeId is { } before)
        {
            coos = coos.Where(c => c.Id < before);
        }

        var page = await coos.OrderByDescending(c => c.Id).Take(query.Limit).ToListAsync(cancellationToken);
        return [.. page.Select(PostCooHandler.ToSummary)];
    }
}

internal sealed class GetCooCountsHandler(CoosDbContext db) : IQueryHandler<GetCooCounts, IReadOnlyDictionary<long, int>>
{
    public async ValueTask<IReadOnlyDictionary<long, int>> Handle(GetCooCounts query, CancellationToken cancellationToken)
    {
        var ids = query.AuthorIds.Distinct().ToArray();
        return await db.AuthorStats.AsNoTracking()
            .Where(s => ids.Contains(s.AuthorId) && s.CoosCount > 0)
            .ToDictionaryAsync(s => s.AuthorId, s => s.CoosCount, cancellationToken);
    }
}

internal sealed class GetCooRefsByAuthorsHandler(CoosDbContext db) : IQueryHandler<GetCooRefsByAuthors, IReadOnlyList<CooRef>>
{
    public async ValueTask<IReadOnlyList<CooRef>> Handle(GetCooRefsByAuthors query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var authors = query.AuthorIds.Distinct().ToArray();
        if (authors.Length == 0)
        {
            return [];
        }

        var coos = db.Coos.AsNoTracking().Where(c => authors.Contains(c.AuthorId));
        if (query.BeforeId is { } before)
        {
            coos = coos.Where(c => c.Id < before);
        }

        return await coos.OrderByDescending(c => c.Id).Take(query.Limit)
            .Select(c => new CooRef(c.Id, c.AuthorId)).ToListAsync(cancellationToken);
    }
}
