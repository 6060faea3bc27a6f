using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coo.Host.Compositions.HomeTimeline;

/// <summary>
/// The home timeline: a page of items from Timeline, shown as coos by Coos (with their authors and reactions), and for
/// a coo there by a repost, who reposted it by Users: one call to each per page.
/// </summary>
internal static class HomeTimelineEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/users/me/timeline", GetHomeAsync)
        .WithTags("Timelines").WithName("GetHomeTimeline")
        .WithSummary("Your coos and those of everyone you follow, and what they reposted, newest first")
        .ProducesValidationProblem()
        .RequireAuthorization()
        .RequireScope(MastodonScopes.ReadStatuses)
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<JsonPage<CooResponse>, ValidationProblem>> GetHomeAsync(
        int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        var fetched = await sender.Send(new GetHomeTimeline(http.User.GetUserId(), beforeId, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, item => item.Position);

        // A coo deleted a moment ago is still listed until the CooDeleted event reaches Timeline: Coos leaves it out,
        // as it leaves out one whose reposter is gone.
        var coos = (await sender.Send(new GetCooResponses(page.Select(i => i.CooId).ToArray(), http.User.GetUserId()), cancellationToken)).ToDictionary(c => c.Id);
        var reposters = await Reposters.ByIdAsync(sender, page.Where(i => i.RepostedById is not null).Select(i => i.RepostedById!.Value), cancellationToken);
        var shown = new List<CooResponse>(page.Count);
        foreach (var item in page)
        {
            if (coos.TryGetValue(item.CooId, out var coo) && (item.RepostedById is not { } reposterId || reposters.ContainsKey(reposterId)))
            {
                shown.Add(item.RepostedById is { } by ? coo with { RepostedBy = reposters[by], RepostId = item.Position } : coo);
            }
        }

        return JsonPage.Ok(shown, nextCursor, CooResponseJson.Write);
    }
}
