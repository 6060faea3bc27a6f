using Coo.Modules.Coos.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.ListUserCoos;

/// <summary>An author's coos, newest first, strictly older than <paramref name="BeforeId"/> when given.</summary>
internal sealed record GetCoosByAuthor(long AuthorId, long? BeforeId, int Limit) : IQuery<IReadOnlyList<CooSummary>>;

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
        return [.. page.Select(CooSummary.Of)];
    }
}
