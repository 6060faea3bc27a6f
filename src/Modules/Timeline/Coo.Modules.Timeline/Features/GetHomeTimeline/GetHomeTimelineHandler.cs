using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Timeline.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coo.Modules.Timeline.Features.GetHomeTimeline;

/// <summary>
/// Reads the stored timeline down to its horizon; below it, where trimming or a partial merge left gaps, the page is
/// filled from the coos of the user and everyone they follow, so paging never dead-ends.
/// </summary>
internal sealed class GetHomeTimelineHandler(TimelineDbContext db, ISender sender) : IQueryHandler<Contracts.GetHomeTimeline, IReadOnlyList<long>>
{
    public async ValueTask<IReadOnlyList<long>> Handle(Contracts.GetHomeTimeline query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var horizon = await db.Horizons.Where(h => h.OwnerId == query.UserId).Select(h => h.CompleteFromCooId).FirstOrDefaultAsync(cancellationToken);
        var stored = db.Entries.Where(e => e.OwnerId == query.UserId && e.CooId >= horizon);
        if (query.BeforeCooId is { } before)
        {
            stored = stored.Where(e => e.CooId < before);
        }

        var page = await stored.OrderByDescending(e => e.CooId).Take(query.Limit).Select(e => e.CooId).ToListAsync(cancellationToken);
        var storedCopyIsComplete = horizon == 0;
        if (page.Count == query.Limit || storedCopyIsComplete)
        {
            return page;
        }

        var authors = await db.FollowEdges.Where(e => e.FollowerId == query.UserId && e.IsActive).Select(e => e.FolloweeId).ToListAsync(cancellationToken);
        authors.Add(query.UserId);
        var olderThan = query.BeforeCooId is { } b && b < horizon ? b : horizon;
        var older = await sender.Send(new GetCooRefsByAuthors(authors, olderThan, query.Limit - page.Count), cancellationToken);
        page.AddRange(older.Select(c => c.Id));
        return page;
    }
}
