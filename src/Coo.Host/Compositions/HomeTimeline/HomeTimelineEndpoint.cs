using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coo.Host.Compositions.HomeTimeline;

/// <summary>The home timeline: a page of coo ids from Timeline, shown with their authors by Coos.</summary>
internal static class HomeTimelineEndpoint
{
    public static void Map(IEndpointRouteBuilder api) => api
        .MapGet("/timelines/home", GetHomeAsync)
        .WithTags("Timelines").WithName("GetHomeTimeline")
        .WithSummary("Your coos and those of everyone you follow, newest first")
        .ProducesValidationProblem()
        .RequireAuthorization()
        .RequireRateLimiting(RateLimitPolicies.Reads);

    private static async Task<Results<Ok<PageResponse<CooResponse>>, ValidationProblem>> GetHomeAsync(
        int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Paging.TryRead(http, limit, cursor, out var pageSize, out var beforeId, out var problem))
        {
            return problem!;
        }

        var fetched = await sender.Send(new GetHomeTimeline(http.User.GetUserId(), beforeId, pageSize + 1), cancellationToken);
        var (page, nextCursor) = Paging.TakePage(http, fetched, pageSize, id => id);

        // A coo deleted a moment ago is still listed until the CooDeleted event reaches Timeline: Coos leaves it out.
        var coos = await sender.Send(new GetCooResponses(page, http.User.GetUserId()), cancellationToken);
        return TypedResults.Ok(new PageResponse<CooResponse>(coos, nextCursor));
    }
}
