using Coo.Modules.Coos.Contracts;
using Coo.Modules.Coos.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Coos.Features.ListUserCoos;

internal sealed class GetAuthorCoosHandler(CoosDbContext db, ISender sender) : IQueryHandler<GetAuthorCoos, IReadOnlyList<CooResponse>>
{
    public async ValueTask<IReadOnlyList<CooResponse>> Handle(GetAuthorCoos query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var coos = db.Coos.AsNoTracking().Where(c => c.AuthorId == query.AuthorId);
        if (query.BeforeId is { } before)
        {
            coos = coos.Where(c => c.Id < before);
        }

        if (query.AfterId is { } after)
        {
            coos = coos.Where(c => c.Id > after);
        }

        if (query.ExcludeReplies)
        {
            // As Mastodon's: an author's own thread stays, answers to others go.
            coos = coos.Where(c => c.InReplyToId == null || c.InReplyToAuthorId == c.AuthorId);
        }

        var page = await (query.NearestAfter ? coos.OrderBy(c => c.Id) : coos.OrderByDescending(c => c.Id)).Take(query.Limit).ToListAsync(cancellationToken);
        return await sender.HydrateAsync([.. page.OrderByDescending(c => c.Id).Select(CooSummary.Of)], query.ViewerId, cancellationToken);
    }
}
