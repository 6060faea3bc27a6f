using Coo.Host.Features.Coos;
using Coo.Modules.Coos.Contracts;
using Coo.Modules.Timeline.Contracts;
using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coo.Host.Features.Timelines;

/// <summary>The home timeline: coo ids from Timeline, hydrated with one batch call each to Coos and Users.</summary>
internal static class TimelineEndpoints
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

        // A coo deleted a moment ago is still listed until the CooDeleted event reaches Timeline: hydration leaves it out.
        var coos = (await sender.Send(new GetCoosByIds(page), cancellationToken)).ToDictionary(c => c.Id);
        var ordered = page.Where(coos.ContainsKey).Select(id => coos[id]).ToList();
        return TypedResults.Ok(new PageResponse<CooResponse>(await sender.WithAuthorsAsync(ordered, cancellationToken), nextCursor));
    }
}
