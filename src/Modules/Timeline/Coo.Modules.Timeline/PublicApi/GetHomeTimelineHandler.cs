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
/// the coos and reposts of the user and everyone they follow, so paging never dead-ends. The coos and reposts of large
/// authors the user follows are merged in as the page is read. A whole page from the cache, for a user who follows no
/// large author, rents no database context at all.
/// </summary>
internal sealed class GetHomeTimelineHandler(
    IDbContextFactory<TimelineDbContext> contexts,
    ITimelineCache cache,
    LargeAuthorList largeAuthors,
    ISender sender,
    IOptions<TimelineOptions> options) : IQueryHandler<GetHomeTimeline, IReadOnlyList<TimelineItem>>
{
    public async ValueTask<IReadOnlyList<TimelineItem>> Handle(GetHomeTimeline query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        var followed = await largeAuthors.FollowedByAsync(query.UserId, cancellationToken);
        if (followed.Large.Length == 0)
        {
            return (await ReadTimelineAsync(query.UserId, query.BeforePosition, query.Limit, cancellationToken)).Items;
        }

        // A merge can drop items (a repost outranked by a newer one): the page then continues below what was exact.
        var reader = new HomeReader(query.UserId, followed.Everyone);
        var page = new List<TimelineItem>();
        for (var before = query.BeforePosition; page.Count < query.Limit;)
        {
            var want = query.Limit - page.Count;
            var (stored, complete) = await ReadTimelineAsync(query.UserId, before, want, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var merged = await MergeAsync(db, reader, followed.Large, new Source(stored, Full: !complete && stored.Count == want), before, want, cancellationToken);
            page.AddRange(merged.Items);
            if (merged.Boundary is not { } boundary)
            {
                break;
            }

            before = boundary;
        }

        return page;
    }

    /// <summary>
    /// The page of the timeline without the large authors' merge: from the cache, else as stored, else filled below
    /// the horizon; and whether it ended because the timeline did.
    /// </summary>
    private async Task<(List<TimelineItem> Items, bool Complete)> ReadTimelineAsync(long userId, long? before, int limit, CancellationToken cancellationToken)
    {
        var cached = await cache.ReadAsync(userId, before, limit, cancellationToken);
        if (cached.Items is { } hit && (hit.Count == limit || cached.ReachesBottom))
        {
            return ([.. hit], hit.Count < limit);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timelines = new TimelineStore(db);
        var (page, wholeTimeline) = await ReadCachedAsync(timelines, userId, before, limit, cached, cancellationToken);
        if (page.Count == limit || wholeTimeline)
        {
            return (page, page.Count < limit);
        }

        var from = page.Count > 0 ? page[^1].Position : before;
        page.AddRange(await ReadStoredAsync(db, timelines, userId, from, limit - page.Count, cancellationToken));
        return (page, page.Count < limit);
    }

    /// <summary>The start of the page from the cache, and whether it is all there is (the cache holds the whole timeline).</summary>
    private async Task<(List<TimelineItem> Page, bool WholeTimeline)> ReadCachedAsync(
        TimelineStore timelines, long userId, long? before, int limit, CachedTimelineRead cached, CancellationToken cancellationToken)
    {
        if (cached.Items is { } hit)
        {
            return ([.. hit], cached.ReachesBottom);
        }

        if (cached.Ticket is not { } ticket)
        {
            return ([], false);
        }

        var (newest, whole) = await timelines.NewestEntriesAsync(userId, options.Value.MaxEntries, cancellationToken);
        await cache.FillAsync(ticket, newest, whole, cancellationToken);
        return ([.. newest.Where(i => i.Position < (before ?? long.MaxValue)).Take(limit)], whole);
    }

    private async Task<List<TimelineItem>> ReadStoredAsync(
        TimelineDbContext db, TimelineStore timelines, long userId, long? before, int limit, CancellationToken cancellationToken)
    {
        var horizon = await timelines.HorizonAsync(userId, cancellationToken);
        var page = await timelines.EntriesAsync(userId, horizon, before, limit, cancellationToken);
        if (page.Count == limit || TimelineHorizon.IsComplete(horizon))
        {
            return page;
        }

        var followed = await db.FollowEdges.Where(e => e.FollowerId == userId && e.IsActive).Select(e => e.FolloweeId).ToListAsync(cancellationToken);
        var reader = new HomeReader(userId, followed);
        long[] everyone = [userId, .. followed];
        for (long? fillBefore = TimelineHorizon.FillOlderThan(horizon, before); page.Count < limit;)
        {
            var filled = await MergeAsync(db, reader, everyone, Source.None, fillBefore, limit - page.Count, cancellationToken);
            page.AddRange(filled.Items);
            if (filled.Boundary is not { } boundary)
            {
                break;
            }

            fillBefore = boundary;
        }

        return page;
    }

    /// <summary>
    /// Merges into <paramref name="page"/> the coos of <paramref name="authors"/> in their own right and their reposts,
    /// below <paramref name="before"/>: each coo once, at its own id if the reader sees it in its own right, else at its
    /// newest repost by someone the reader follows. Returns the items that are exact (those down to the
    /// <c>Boundary</c>, where a full list of one source ends) and the boundary, null when every source was exhausted.
    /// </summary>
    private async Task<(List<TimelineItem> Items, long? Boundary)> MergeAsync(
        TimelineDbContext db, HomeReader reader, long[] authors, Source page, long? before, int limit, CancellationToken cancellationToken)
    {
        var originals = (await sender.Send(new GetCooRefsByAuthors(authors, before, limit, reader), cancellationToken))
            .Select(c => TimelineItem.Original(c.Id)).ToList();
        var below = before ?? long.MaxValue;
        var reposts = await db.Reposts.AsNoTracking().Where(r => authors.Contains(r.ReposterId) && r.RepostId < below)
            .OrderByDescending(r => r.RepostId).Take(limit).ToListAsync(cancellationToken);
        var followed = reader.FollowedIds.Append(reader.ReaderId).ToHashSet();
        var reposted = reposts.Where(r => !SeenInOwnRight(r, reader.ReaderId, followed)).ToList();
        var newest = await NewestRepostsAsync(
            db, reader.ReaderId, authors, [.. reposted.Select(r => r.CooId), .. page.Items.Where(i => i.RepostedById is not null).Select(i => i.CooId)], cancellationToken);
        var items = TimelineMerge.EachCooOnce(page.Items.Where(i => i.RepostedById is null || IsNewest(newest, i.CooId, i.Position))
            .Concat(originals)
            .Concat(reposted.Where(r => IsNewest(newest, r.CooId, r.RepostId)).Select(r => new TimelineItem(r.RepostId, r.CooId, r.ReposterId))));
        long?[] ends =
        [
            page.Full ? page.Items[^1].Position : null,
            originals.Count == limit ? originals[^1].Position : null,
            reposts.Count == limit ? reposts[^1].RepostId : null,
        ];
        var boundary = ends.Max();
        return ([.. items.TakeWhile(i => i.Position >= (boundary ?? long.MinValue)).Take(limit)], boundary);
    }

    /// <summary>
    /// Whether the repost at <paramref name="position"/> is the newest the reader sees of the coo. A repost undone
    /// between the reads (the cache still holding it, or the row gone since the page was read) has no newest: it is dropped.
    /// </summary>
    private static bool IsNewest(Dictionary<long, long> newest, long cooId, long position) =>
        newest.TryGetValue(cooId, out var newestPosition) && newestPosition == position;

    /// <summary>Whether the reader sees the reposted coo in its own right (see <see cref="TimelineEntry"/>).</summary>
    private static bool SeenInOwnRight(Repost repost, long readerId, HashSet<long> followedOrReader) =>
        repost.CooAuthorId == readerId
        || (followedOrReader.Contains(repost.CooAuthorId) && (repost.InReplyToAuthorId is not { } repliedTo || followedOrReader.Contains(repliedTo)));

    /// <summary>
    /// For each coo, the position of its newest repost the reader sees: by <paramref name="reposters"/>, or as the
    /// reader's stored repost entry of it.
    /// </summary>
    private static async Task<Dictionary<long, long>> NewestRepostsAsync(
        TimelineDbContext db, long readerId, long[] reposters, long[] cooIds, CancellationToken cancellationToken)
    {
        if (cooIds.Length == 0)
        {
            return [];
        }

        var ids = cooIds.Distinct().ToArray();
        var byReposters = await db.Reposts.Where(r => ids.Contains(r.CooId) && reposters.Contains(r.ReposterId))
            .GroupBy(r => r.CooId).Select(g => new { CooId = g.Key, Position = g.Max(r => r.RepostId) }).ToListAsync(cancellationToken);
        var stored = await db.Entries.Where(e => e.OwnerId == readerId && ids.Contains(e.CooId) && e.RepostedById != null)
            .Select(e => new { e.CooId, e.Position }).ToListAsync(cancellationToken);
        return byReposters.Concat(stored).GroupBy(r => r.CooId).ToDictionary(g => g.Key, g => g.Max(r => r.Position));
    }

    /// <summary>A list of items newest first; <see cref="Full"/>: it may go on below its last item.</summary>
    private sealed record Source(IReadOnlyList<TimelineItem> Items, bool Full)
    {
        public static readonly Source None = new([], false);
    }
}
