using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Analytics.Features.GetStats;

internal static class GetStatsEndpoint
{
    /// <summary>The statistics are this module's own data, so the module serves them; only administrators may read them.</summary>
    public static void Map(IEndpointRouteBuilder admin) => admin
        .MapGet("/stats", async Task<Ok<StatsResponse>> (
            string? from, string? to, string? granularity, ISender sender, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sender.Send(new GetStats(from, to, granularity), cancellationToken)))
        .WithName("GetStats")
        .WithSummary("Activity per hour or day: active users, new users, coos, follows, client events (administrators)")
        .ProducesValidationProblem()
        .RequireAuthorization(AuthorizationPolicies.Admin)
        .RequireRateLimiting(RateLimitPolicies.Reads);
}
