using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Caching;
using Coo.Modules.Timeline.Contracts;
using Coo.Modules.Timeline.Data;
using Coo.Modules.Timeline.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coo.Modules.Timeline.PublicApi;

/// <summary>
/// Serves the newest pages from the timeline cache, rebuilding it from the database on a miss; continues in the
/// stored timeline down to its horizon; below it, where trimming or a partial merge left gaps, fills the page from
/// the coos of the user and everyone they follow, so paging never dead-ends. A whole page from the cache rents no
/// database context at all.
/// </summary>
internal sealed class GetHomeTimelineHandler(
    IDbContextFactory<TimelineDbContext> contexts,
    ITimelineCache cache,
    LargeAuthorList largeAuthors,
    ISender sender,
    IOptions<TimelineOptions> options) : IQueryHandler<GetHomeTimeline, IReadOnlyList<long>>
{
    public async ValueTask<IReadOnlyList<long>> Handle(GetHomeTimeline query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var cached = await cache.ReadAsync(query.UserId, query.BeforeCooId, query.Limit, cancellationToken);
        var followedLarge = await largeAuthors.FollowedByAsync(query.UserId, cancellationToken);
        var page = cached.CooIds is { } hit && (hit.Count == query.Limit || cached.ReachesBottom)
            ? hit
            : await ReadTimelineAsync(query, cached, cancellationToken);
        if (followedLarge.Large.Length == 0)
        {
            return page;
        }

        // Both lists are the newest coos older than the cursor of their kind, so the newest of their union is exact.
        var theirs = await sender.Send(
            new GetCooRefsByAuthors(followedLarge.Large, query.BeforeCooId, query.Limit, new HomeReader(query.UserId, followedLarge.Everyone)), cancellationToken);
        return TimelineMerge.Newest(page, theirs.Select(c => c.Id), query.Limit);
    }

    /// <summary>The page of the timeline as stored (by fan-out), where the cache did not hold all of it.</summary>
    private async Task<List<long>> ReadTimelineAsync(GetHomeTimeline query, CachedTimelineRead cached, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timelines = new TimelineStore(db);
        var (page, wholeTimeline) = await ReadCachedAsync(timelines, query, cached, cancellationToken);
        if (page.Count == query.Limit || wholeTimeline)
        {
            return page;
        }

        var before = page.Count > 0 ? page[^1] : query.BeforeCooId;
        page.AddRange(await ReadStoredAsync(db, timelines, query.UserId, before, query.Limit - page.Count, cancellationToken));
        return page;
    }

    /// <summary>The start of the page from the cache, and whether it is all there is (the cache holds the whole timeline).</summary>
    private async Task<(List<long> Page, bool WholeTimeline)> ReadCachedAsync(
        TimelineStore timelines, GetHomeTimeline query, CachedTimelineRead cached, CancellationToken cancellationToken)
    {
        if (cached.CooIds is { } hit)
        {
            return ([.. hit], cached.ReachesBottom);
        }

        if (cached.Ticket is not { } ticket)
        {
            return ([], false);
        }

        var (newest, whole) = await timelines.NewestEntriesAsync(query.UserId, options.Value.MaxEntries, cancellationToken);
        await cache.FillAsync(ticket, newest, whole, cancellationToken);
        return ([.. newest.Where(id => id < (query.BeforeCooId ?? long.MaxValue)).Take(query.Limit)], whole);
    }

    private async Task<List<long>> ReadStoredAsync(
        TimelineDbContext db, TimelineStore timelines, long userId, long? beforeCooId, int limit, CancellationToken cancellationToken)
    {
        var horizon = await timelines.HorizonAsync(userId, cancellationToken);
        var stored = db.Entries.Where(e => e.OwnerId == userId && e.CooId >= horizon);
        if (beforeCooId is { } before)
        {
            stored = stored.Where(e => e.CooId < before);
        }

        var page = await stored.OrderByDescending(e => e.CooId).Take(limit).Select(e => e.CooId).ToListAsync(cancellationToken);
        if (page.Count == limit || TimelineHorizon.IsComplete(horizon))
        {
            return page;
        }

        var followed = await db.FollowEdges.Where(e => e.FollowerId == userId && e.IsActive).Select(e => e.FolloweeId).ToListAsync(cancellationToken);
        var older = await sender.Send(
            new GetCooRefsByAuthors([userId, .. followed], TimelineHorizon.FillOlderThan(horizon, beforeCooId), limit - page.Count, new HomeReader(userId, followed)),
            cancellationToken);
        page.AddRange(older.Select(c => c.Id));
        return page;
    }
}
