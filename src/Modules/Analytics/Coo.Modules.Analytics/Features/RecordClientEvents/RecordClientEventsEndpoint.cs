using Coo.Shared.Infrastructure.Security;
using Coo.Shared.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Coo.Modules.Analytics.Features.RecordClientEvents;

internal static class RecordClientEventsEndpoint
{
    /// <summary>The largest valid batch: 50 events, each with 10 properties of 200-character names and values.</summary>
    private const long MaxBatchBytes = 256 * 1024;

    /// <summary>Anonymous clients may report too; their events count in the totals but never as an active user.</summary>
    public static void Map(IEndpointRouteBuilder analytics) => analytics
        .MapPost("/events", async Task<Accepted> (
            RecordClientEventsRequest body, ISender sender, HttpContext http, CancellationToken cancellationToken) =>
        {
            await sender.Send(new RecordClientEvents(http.User.FindUserId(), body.Events), cancellationToken);
            return TypedResults.Accepted((string?)null);
        })
        .WithName("RecordClientEvents")
        .WithSummary("Report a batch of up to 50 client events")
        .ProducesValidationProblem()
        .AllowAnonymous()
        .WithBodyLimit(MaxBatchBytes)
        .RequireRateLimiting(AnalyticsRateLimits.Recording);
}
