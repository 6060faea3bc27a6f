using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Tags.Features.GetTrendingTags;

internal static class GetTrendingTagsEndpoint
{
    private const int Shown = 10;

    public static void Map(IEndpointRouteBuilder tags) => tags
        .MapGet("/trending", async Task<Ok<TrendingTagsResponse>> (ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new GetTrendingTags(Shown), cancellationToken)))
        .WithName("GetTrendingTags")
        .WithSummary("The ten tags used by the most distinct people in the last 24 hours")
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
