using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Coo.Modules.Coos.Features;
using Coo.Modules.Coos.Features.GetCoo;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.PublicApi;

/// <summary>A page of coo ids as clients show it: the coos, in that order, with their authors.</summary>
internal sealed class GetCooResponsesHandler(ISender sender) : IQueryHandler<GetCooResponses, IReadOnlyList<CooResponse>>
{
    public async ValueTask<IReadOnlyList<CooResponse>> Handle(GetCooResponses query, CancellationToken cancellationToken)
    {
        var coos = (await sender.Send(new GetCoosByIds(query.CooIds), cancellationToken)).ToDictionary(c => c.Id);
        var ordered = new List<CooSummary>(query.CooIds.Count);
        foreach (var id in query.CooIds)
        {
            if (coos.TryGetValue(id, out var coo))
            {
                ordered.Add(coo);
            }
        }

        return await sender.HydrateAsync(ordered, query.ViewerId, cancellationToken);
    }
}

internal sealed class GetCooRefsHandler(ISender sender) : IQueryHandler<GetCooRefs, IReadOnlyList<CooRef>>
{
    public async ValueTask<IReadOnlyList<CooRef>> Handle(GetCooRefs query, CancellationToken cancellationToken) =>
        [.. (await sender.Send(new GetCoosByIds(query.CooIds), cancellationToken)).Select(c => c.Ref)];
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

        if (query.RepliesSeenBy is { } reader)
        {
            var (readerId, followed) = (reader.ReaderId, reader.FollowedIds.Distinct().ToArray());
            coos = coos.Where(c =>
                c.InReplyToAuthorId == null || c.AuthorId == readerId || c.InReplyToAuthorId == readerId || followed.Contains(c.InReplyToAuthorId.Value));
        }

        return await coos.OrderByDescending(c => c.Id).Take(query.Limit)
            .Select(c => new CooRef(c.Id, c.AuthorId, c.InReplyToAuthorId)).ToListAsync(cancellationToken);
    }
}

internal sealed class GetRepliesToAuthorHandler(CoosDbContext db) : IQueryHandler<GetRepliesToAuthor, IReadOnlyList<CooRef>>
{
    public async ValueTask<IReadOnlyList<CooRef>> Handle(GetRepliesToAuthor query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var authors = query.AuthorIds.Distinct().ToArray();
        return authors.Length == 0
            ? []
            : await db.Coos.AsNoTracking()
                .Where(c => c.InReplyToAuthorId == query.RepliedToAuthorId && authors.Contains(c.AuthorId))
                .OrderByDescending(c => c.Id).Take(query.Limit)
                .Select(c => new CooRef(c.Id, c.AuthorId, c.InReplyToAuthorId)).ToListAsync(cancellationToken);
    }
}

internal sealed class GetPinnedCooHandler(CoosDbContext db, ISender sender) : IQueryHandler<GetPinnedCoo, CooResponse?>
{
    public async ValueTask<CooResponse?> Handle(GetPinnedCoo query, CancellationToken cancellationToken)
    {
        var cooId = await db.Pins.AsNoTracking().Where(p => p.AuthorId == query.AuthorId).Select(p => (long?)p.CooId).SingleOrDefaultAsync(cancellationToken);
        if (cooId is null)
        {
            return null;
        }

        var coos = await sender.Send(new GetCoosByIds([cooId.Value]), cancellationToken);
        return (await sender.HydrateAsync(coos, query.ViewerId, cancellationToken)).SingleOrDefault();
    }
}
