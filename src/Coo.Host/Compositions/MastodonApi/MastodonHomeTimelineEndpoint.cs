using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Security;
using Mediator;

namespace Coo.Host.Compositions.MastodonApi;

/// <summary>
/// Mastodon's home timeline over Coo's: the same items (a repost is a status of the reposter's whose
/// <c>reblog</c> is the coo), paged by their positions. Coo pages only towards older items, so <c>since_id</c> and
/// <c>min_id</c> read from the newest down, at most <see cref="NewerScanned"/> items, as far as Mastodon's own home
/// timelines reach.
/// </summary>
internal static class MastodonHomeTimelineEndpoint
{
    private const int NewerScanned = 800;

    public static void Map(IEndpointRouteBuilder v1) => v1.MapGet("/timelines/home", GetAsync).RequireAuthorization().RequireScope(MastodonScopes.ReadStatuses);

    private static async Task<IResult> GetAsync(HttpContext http, ISender sender, MastodonStatuses statuses, MastodonUrls urls, CancellationToken cancellationToken)
    {
        if (!MastodonPaging.TryRead(http.Request, out var paging, out var error))
        {
            return error;
        }

        var userId = http.User.GetUserId();
        var items = (paging.MinId ?? paging.SinceId) is { } newerThan
            ? await NewerThanAsync(sender, userId, newerThan, paging, cancellationToken)
            : await sender.Send(new GetHomeTimeline(userId, paging.MaxId, paging.Limit), cancellationToken);

        var coos = await sender.Send(new GetCooResponses([.. items.Select(i => i.CooId)], userId), cancellationToken);
        var byId = coos.ToDictionary(c => c.Id);
        var reposters = await Reposters.ByIdAsync(sender, items.Where(i => i.RepostedById is not null).Select(i => i.RepostedById!.Value), cancellationToken);
        List<CooResponse> shown = [];
        foreach (var item in items)
        {
            if (byId.TryGetValue(item.CooId, out var coo) && (item.RepostedById is not { } by || reposters.ContainsKey(by)))
            {
                shown.Add(item.RepostedById is { } reposter ? coo with { RepostedBy = reposters[reposter], RepostId = item.Position } : coo);
            }
        }

        var page = await statuses.OfAsync(shown, cancellationToken);
        if (items.Count > 0)
        {
            MastodonPaging.Link(http.Response, $"{urls.Base}/api/v1/timelines/home", MastodonIds.Of(items[0].Position), MastodonIds.Of(items[^1].Position), paging.Limit, includeNext: true);
        }

        return MastodonJson.Ok(page);
    }

    /// <summary>
    /// Items newer than <paramref name="newerThan"/>, newest first: for <c>since_id</c> the newest of them, for
    /// <c>min_id</c> those right after it.
    /// </summary>
    private static async Task<IReadOnlyList<TimelineItem>> NewerThanAsync(
        ISender sender, long userId, long newerThan, MastodonPaging paging, CancellationToken cancellationToken)
    {
        List<TimelineItem> newer = [];
        long? before = paging.MaxId;
        while (newer.Count < NewerScanned)
        {
            var batch = await sender.Send(new GetHomeTimeline(userId, before, MastodonPaging.MaxLimit), cancellationToken);
            newer.AddRange(batch.TakeWhile(i => i.Position > newerThan));
            if (batch.Count < MastodonPaging.MaxLimit || batch[^1].Position <= newerThan || (paging.MinId is null && newer.Count >= paging.Limit))
            {
                break;
            }

            before = batch[^1].Position;
        }

        return paging.MinId is not null ? newer.TakeLast(paging.Limit).ToList() : newer.Take(paging.Limit).ToList();
    }
}
